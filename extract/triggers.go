package extract

// Trigger words: before a relation rule scans a sentence, it asks whether
// the sentence has any of the words the rule starts from. One pass over
// the sentence sets the bits; most sentences then skip most rules.

const (
	tMeet uint32 = 1 << iota
	tAttend
	tSign
	tAdopt
	tPublish
	tPraise
	tImplement
	tDiscuss
	tFound
	tBased
	tPart
	tHeld
	tEventNoun
)

var triggerWords = map[string]uint32{
	"hosted": tMeet, "hosts": tMeet, "chaired": tMeet, "met": tMeet, "meets": tMeet,
	"received": tMeet, "receives": tMeet, "welcomed": tMeet, "held": tMeet | tHeld,
	"hold": tMeet, "holds": tMeet, "had": tMeet, "organised": tMeet, "organized": tMeet,
	"convened": tMeet | tFound,
	"took":     tAttend | tHeld, "take": tAttend | tHeld, "takes": tAttend | tHeld,
	"participated": tAttend, "participate": tAttend, "attended": tAttend, "attend": tAttend, "attends": tAttend,
	"signed": tSign, "signing": tSign, "concluded": tSign, "initialled": tSign, "put": tSign, "signatories": tSign,
	"adopted": tAdopt, "approved": tAdopt, "approving": tAdopt, "adopting": tAdopt, "adopt": tAdopt,
	"approve": tAdopt, "endorsed": tAdopt,
	"published":      tPublish,
	"praised":        tPraise,
	"implementation": tImplement,
	"discussed":      tDiscuss, "described": tDiscuss, "agreed": tDiscuss, "reviewed": tDiscuss,
	"spoke": tDiscuss, "talked": tDiscuss, "briefed": tDiscuss, "outlined": tDiscuss, "presented": tDiscuss,
	"founded": tFound, "established": tFound, "set": tFound, "created": tFound, "came": tFound,
	"launched": tFound,
	"based":    tBased, "headquartered": tBased, "located": tBased, "seated": tBased,
	"headquarters": tBased, "seat": tBased, "is": tBased, "was": tBased,
	"part": tPart, "sidelines": tPart, "margins": tPart, "framework": tPart,
}

// has reports whether the sentence has a trigger word of the kinds in
// mask.
func (d *doc) has(s *sent, mask uint32) bool {
	if !s.trigDone {
		s.trigDone = true
		for k := range s.toks {
			w := s.lw(k)
			s.trig |= triggerWords[w]
			if d.lx.IsEventNoun(w) {
				s.trig |= tEventNoun
			}
		}
	}
	return s.trig&mask != 0
}
