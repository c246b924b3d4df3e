package vocab

import (
	"fmt"
	"regexp"

	"github.com/cayleygraph/quad"
)

var (
	reYear      = regexp.MustCompile(`^\d{4}$`)
	reYearMonth = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	reDate      = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)
)

// DateLiteral types an ISO 8601 date at the precision it is written in:
// "2019" is an xsd:gYear, "2019-03" an xsd:gYearMonth, "2019-03-14" an
// xsd:date.
func DateLiteral(s string) (quad.TypedString, error) {
	var t quad.IRI
	switch {
	case reDate.MatchString(s):
		t = Date
	case reYearMonth.MatchString(s):
		t = GYearMonth
	case reYear.MatchString(s):
		t = GYear
	default:
		return quad.TypedString{}, fmt.Errorf("%q is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	return quad.TypedString{Value: quad.String(s), Type: t}, nil
}

// IsDate reports whether v is one of the date literals DateLiteral makes,
// and returns its ISO 8601 text.
func IsDate(v quad.Value) (string, bool) {
	ts, ok := v.(quad.TypedString)
	if !ok {
		return "", false
	}
	switch ts.Type.Full() {
	case Date, GYearMonth, GYear:
		return string(ts.Value), true
	}
	return "", false
}
