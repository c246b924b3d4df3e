package timex

// This file holds every English word list the tagger uses. They are closed
// grammatical word classes (month and weekday names, number words, calendar
// units, seasons, parts of the day) plus a few short cue lists; keeping them
// together makes it plain what the rules know about the language.
//
// All keys are lower case ASCII; the scanner looks them up on a lower-cased
// copy of the text.

// monthNames maps month names and their usual abbreviations to 1..12.
var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// weekdayNames maps weekday names to time.Weekday numbers (Sunday = 0).
var weekdayNames = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3,
	"thursday": 4, "friday": 5, "saturday": 6,
}

// cardinalWords maps number words to their values.
var cardinalWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100,
	"a": 1, "an": 1, "single": 1, "dozen": 12,
}

// ordinalWords maps ordinal words to their values.
var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
	"twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30,
}

// ordinalSuffixes are the letters written after a digit ordinal (10th).
var ordinalSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}

// vagueQuantities are quantity words that give an unspecified amount; a
// duration built on them has X for its number (TimeML: "several years" = PXY).
var vagueQuantities = map[string]bool{
	"several": true, "few": true, "many": true, "some": true, "couple": true,
}

// unitInfo describes a calendar unit word.
type unitInfo struct {
	// code is the TIMEX3 duration designator (Y, M, W, D, H, M, S, Q).
	code string
	// mult multiplies the quantity (decade = 10 years).
	mult int
	// timePart is true for units written after the T of a duration.
	timePart bool
	// gran is the granularity of a calendar point of this unit.
	gran granularity
}

// unitWords maps singular and plural calendar units to their TIMEX3 codes.
var unitWords = map[string]unitInfo{
	"second": {"S", 1, true, gNone}, "seconds": {"S", 1, true, gNone},
	"minute": {"M", 1, true, gNone}, "minutes": {"M", 1, true, gNone},
	"hour": {"H", 1, true, gNone}, "hours": {"H", 1, true, gNone},
	"day": {"D", 1, false, gDay}, "days": {"D", 1, false, gDay},
	"week": {"W", 1, false, gWeek}, "weeks": {"W", 1, false, gWeek},
	"fortnight": {"W", 2, false, gNone}, "fortnights": {"W", 2, false, gNone},
	"month": {"M", 1, false, gMonth}, "months": {"M", 1, false, gMonth},
	"quarter": {"Q", 1, false, gQuarter}, "quarters": {"Q", 1, false, gQuarter},
	"year": {"Y", 1, false, gYear}, "years": {"Y", 1, false, gYear},
	"decade": {"Y", 10, false, gDecade}, "decades": {"Y", 10, false, gDecade},
	"century": {"Y", 100, false, gCentury}, "centuries": {"Y", 100, false, gCentury},
	"weekend": {"WE", 1, false, gWeekend}, "weekends": {"WE", 1, false, gWeekend},
}

// seasonCodes maps season names to TIMEX3 season codes (TimeML 1.2.1).
var seasonCodes = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}

// dayPartCodes maps parts of the day to TIMEX3 time-of-day codes.
var dayPartCodes = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}

// frequencyAdjectives are set expressions on their own ("weekly" = P1W).
var frequencyAdjectives = map[string]string{
	"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
	"quarterly": "P3M", "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y",
	"hourly": "PT1H",
}

// Deictic and anaphoric determiners before a unit, month, weekday or season.
const (
	relThis = iota
	relLast
	relNext
)

// relativeWords maps the determiners of relative expressions ("last year").
var relativeWords = map[string]int{
	"this": relThis, "current": relThis,
	"last": relLast, "past": relLast, "previous": relLast, "preceding": relLast,
	"next": relNext, "coming": relNext, "following": relNext, "upcoming": relNext,
}

// spanModifiers are words that may open a date expression and stay in its
// extent without changing its value's granularity ("early 2009" = 2009,
// "earlier this year" = the year), as TimeML's mod attribute does.
var spanModifiers = map[string]bool{
	"early": true, "earlier": true, "late": true, "later": true, "mid": true,
}

// boundaryPhrases are nouns of "the end of last year", "the beginning of
// 2009": the extent includes them, the value is the inner date's.
var boundaryPhrases = map[string]bool{
	"end": true, "beginning": true, "start": true, "middle": true, "rest": true,
	"close": true, "turn": true,
}

// futureCues are words whose nearness marks a future reading.
var futureCues = map[string]bool{
	"will": true, "shall": true, "ll": true, "would": true, "going": true,
	"expected": true, "expects": true, "plans": true, "planned": true,
	"scheduled": true, "due": true, "upcoming": true, "forthcoming": true,
	"intends": true, "hopes": true, "aims": true, "soon": true, "may": true,
	"might": true, "tomorrow": true, "until": true, "till": true,
}

// futureBeforeTo are words that make a following "to" announce a future
// event ("is set to begin", "plans to hold").
var futureBeforeTo = map[string]bool{
	"set": true, "is": true, "are": true, "due": true, "likely": true,
	"going": true, "expected": true, "scheduled": true, "planned": true,
	"plans": true, "plan": true, "intends": true, "intend": true, "aims": true,
	"hopes": true, "wants": true, "agreed": true, "ready": true, "about": true,
}

// pastCues are frequent irregular past-tense verbs and auxiliaries; regular
// past forms (-ed) are recognised by their ending.
var pastCues = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "said": true,
	"held": true, "met": true, "took": true, "made": true, "came": true,
	"went": true, "began": true, "gave": true, "told": true, "saw": true,
	"fell": true, "rose": true, "won": true, "lost": true, "sold": true,
	"left": true, "became": true, "spoke": true, "wrote": true, "ran": true,
	"paid": true, "ago": true, "since": true, "found": true,
	"brought": true, "bought": true, "led": true, "got": true, "fought": true, "struck": true, "ended": true,
}

// countingWords before a number mark it as a quantity, not a year
// ("over 1500 people").
var countingWords = map[string]bool{
	"over": true, "about": true, "around": true, "nearly": true, "almost": true,
	"some": true, "than": true, "approximately": true, "roughly": true,
	"least": true, "only": true, "just": true, "total": true, "number": true,
	"killed": true, "employs": true, "employ": true, "resolution": true,
	"article": true, "paragraph": true, "section": true, "chapter": true,
	"page": true, "room": true, "flight": true, "no": true, "route": true,
	"model": true, "code": true, "version": true, "iso": true, "annex": true,
	"decision": true, "platform": true, "gate": true, "rule": true, "item": true,
}

// countedNouns after a number mark it as a quantity, not a year
// ("1500 troops").
var countedNouns = map[string]bool{
	"people": true, "persons": true, "men": true, "women": true, "children": true,
	"soldiers": true, "troops": true, "deaths": true, "jobs": true,
	"employees": true, "workers": true, "members": true, "units": true,
	"cars": true, "vehicles": true, "aircraft": true, "planes": true,
	"tons": true, "tonnes": true, "barrels": true, "metres": true,
	"meters": true, "feet": true, "km": true, "kilometres": true,
	"kilometers": true, "miles": true, "points": true, "votes": true,
	"cases": true, "percent": true, "per": true, "times": true, "shares": true,
	"dollars": true, "euros": true, "seats": true, "pages": true, "kg": true,
}

// refAdverbs are adverbs that TimeML normalises to PRESENT_REF and
// PAST_REF.
var refAdverbs = map[string]string{
	"now":       "PRESENT_REF",
	"currently": "PRESENT_REF",
	"nowadays":  "PRESENT_REF",
	"presently": "PRESENT_REF",
	"recently":  "PAST_REF",
	"lately":    "PAST_REF",
}

// mayContext are words after which "May" is the month.
var mayContext = map[string]bool{
	"in": true, "of": true, "since": true, "until": true, "till": true, "by": true,
	"last": true, "next": true, "this": true, "early": true, "late": true,
	"mid": true, "from": true, "between": true, "and": true, "to": true,
	"through": true, "during": true, "before": true, "after": true, "end": true,
	"or": true, "on": true,
}

// earlyYearContext are words that make an early number a year ("in 1648").
var earlyYearContext = map[string]bool{
	"in": true, "since": true, "from": true, "by": true, "until": true, "of": true,
	"before": true, "after": true, "around": true, "circa": true, "year": true,
}

// bareDurations are plural units that make a vague duration on their own
// ("for years", "decades in the making", "within minutes"); shorter units
// are left out, being mostly part of other phrases ("these days").
var bareDurations = map[string]bool{
	"years": true, "decades": true, "centuries": true, "months": true, "minutes": true,
}

// durationPremods are approximators kept in a duration's extent, as TimeML
// does with its mod attribute ("over six years", "nearly five months").
var durationPremods = map[string]bool{
	"over": true, "nearly": true, "almost": true, "about": true, "around": true,
	"approximately": true, "roughly": true, "some": true,
}

// durationFillers may stand between a quantity and its unit ("six straight
// days", "five trading days").
var durationFillers = map[string]bool{
	"consecutive": true, "straight": true, "more": true, "full": true, "whole": true,
	"additional": true, "further": true, "successive": true, "trading": true,
	"business": true, "working": true, "calendar": true, "long": true, "short": true,
}

// dayOffsets are the deictic day words, as offsets from the reference date.
var dayOffsets = map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

// withDayPart extends a day match with a following part of the day
// ("Friday morning", "yesterday afternoon"), making it a TIME.
func (s *scanner) withDayPart(m match) match {
	if code, ok := dayPartCodes[s.w(m.j)]; ok && m.p.g == gDay {
		m.j++
		m.p.tod = "T" + code
		m.typ = TypeTime
	}
	return m
}
