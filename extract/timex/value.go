package timex

import (
	"strconv"
	"time"
)

// granularity is the calendar unit of a point value.
type granularity uint8

const (
	gNone granularity = iota
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
)

// point is a calendar point (a day, month, year, quarter ...) being built.
// A negative year or month is unknown and printed as X.
type point struct {
	g       granularity
	y, m, d int
	q       int    // quarter, half or ISO week number
	season  string // SP, SU, FA, WI
	tod     string // time-of-day suffix: T14:30Z, TMO
}

// String renders p in the TIMEX3 value grammar (TimeML 1.2.1, section on
// the value attribute; ISO 8601 with TimeML's extensions for seasons,
// quarters, weekends and parts of the day).
func (p point) String() string {
	b := make([]byte, 0, 16)
	switch p.g {
	case gCentury:
		return pad(b, p.y, 2) + "XX"
	case gDecade:
		return pad(b, p.y, 3) + "X"
	}
	s := pad(b, p.y, 4)
	switch p.g {
	case gHalf:
		return s + "-H" + strconv.Itoa(p.q)
	case gQuarter:
		return s + "-Q" + strconv.Itoa(p.q)
	case gSeason:
		return s + "-" + p.season
	case gMonth:
		return s + "-" + pad(nil, p.m, 2)
	case gWeek:
		return s + "-W" + pad(nil, p.q, 2)
	case gWeekend:
		return s + "-W" + pad(nil, p.q, 2) + "-WE"
	case gDay:
		return s + "-" + pad(nil, p.m, 2) + "-" + pad(nil, p.d, 2) + p.tod
	}
	return s
}

// pad writes n in width digits, or width X's when n is unknown or too wide.
func pad(b []byte, n, width int) string {
	lim := 1
	for i := 0; i < width; i++ {
		lim *= 10
	}
	if n < 0 || n >= lim {
		for i := 0; i < width; i++ {
			b = append(b, 'X')
		}
		return string(b)
	}
	var digits [8]byte
	for i := width - 1; i >= 0; i-- {
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	return string(append(b, digits[:width]...))
}

// dayPoint is the day of t.
func dayPoint(t time.Time) point {
	return point{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day()}
}

// weekPoint is the ISO week of t.
func weekPoint(t time.Time, g granularity) point {
	y, w := t.ISOWeek()
	return point{g: g, y: y, q: w}
}

// known reports whether every part of p is known.
func (p point) known() bool { return p.y >= 0 && p.m >= 0 && p.d >= 0 }

// date turns a day point into a time, for arithmetic.
func (p point) date() time.Time {
	return time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC)
}

// less reports whether p starts before o; both have the same granularity.
func (p point) less(o point) bool {
	if p.y != o.y {
		return p.y < o.y
	}
	if p.m != o.m {
		return p.m < o.m
	}
	return p.d < o.d
}

// rangeLength is the TIMEX3 duration from the start of a to the end of b,
// counting both ends ("13-14 June" = P2D, "2018-2023" = P6Y). It returns ""
// when b does not follow a.
func rangeLength(a, b point) string {
	var n int
	var unit string
	switch a.g {
	case gYear:
		n, unit = b.y-a.y+1, "Y"
	case gMonth:
		n, unit = (b.y*12+b.m)-(a.y*12+a.m)+1, "M"
	case gDay:
		ya, yb := a.y, b.y
		if ya < 0 || yb < 0 {
			ya, yb = 2000, 2000 // a leap year, for an unknown year
		}
		ta := time.Date(ya, time.Month(a.m), a.d, 0, 0, 0, 0, time.UTC)
		tb := time.Date(yb, time.Month(b.m), b.d, 0, 0, 0, 0, time.UTC)
		n, unit = int(tb.Sub(ta).Hours()/24)+1, "D"
	case gQuarter:
		n, unit = (b.y*4+b.q)-(a.y*4+a.q)+1, "Q"
	case gDecade:
		n, unit = (b.y-a.y+1)*10, "Y"
	default:
		return ""
	}
	if n < 2 || n > 10000 {
		return ""
	}
	return "P" + strconv.Itoa(n) + unit
}

// duration renders an amount of a unit as a TIMEX3 duration; amount < 0 is
// unspecified (X).
func duration(amount float64, u unitInfo) string {
	prefix := "P"
	if u.timePart {
		prefix = "PT"
	}
	code := u.code
	if amount < 0 {
		switch u.mult {
		case 10:
			code = "DE"
		case 100:
			code = "CE"
		}
		return prefix + "X" + code
	}
	v := amount * float64(u.mult)
	return prefix + strconv.FormatFloat(v, 'f', -1, 64) + code
}
