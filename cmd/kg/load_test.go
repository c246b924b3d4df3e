package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mixed.nq")
	data := strings.Join([]string{
		`<http://ex.org/a> <http://ex.org/p> "one" .`,
		`<http://ex.org/a> <http://ex.org/p> "two .`,
		`<http://ex.org/b> <http://ex.org/p> "three" .`,
		`<http://ex.org/c> http://ex.org/p "four" .`,
		``,
	}, "\n")
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		stdout  []string
		stderr  []string
		exports []string
	}{
		{
			name:   "strict",
			args:   nil,
			code:   1,
			stderr: []string{file + ":2:", "1 of 1 files failed"},
		},
		{
			name:    "skip bad",
			args:    []string{"--skip-bad"},
			stdout:  []string{"2 quads, 2 new, 2 bad lines skipped"},
			stderr:  []string{"skipped " + file + ":2:", "skipped " + file + ":4:"},
			exports: []string{`"one"`, `"three"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "kg.db")
			var out, errb bytes.Buffer
			args := append([]string{"load", "-q", "--db", db}, tc.args...)
			if code := run(context.Background(), append(args, file), &out, &errb); code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out.String(), errb.String())
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout %q lacks %q", out.String(), want)
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errb.String(), want) {
					t.Errorf("stderr %q lacks %q", errb.String(), want)
				}
			}
			out.Reset()
			if code := run(context.Background(), []string{"export", "--db", db}, &out, &errb); code != 0 {
				t.Fatalf("export: %s", errb.String())
			}
			if got := strings.Count(out.String(), "\n"); got != len(tc.exports) {
				t.Errorf("the store holds %d quads, want %d:\n%s", got, len(tc.exports), out.String())
			}
			for _, want := range tc.exports {
				if !strings.Contains(out.String(), want) {
					t.Errorf("export lacks %s", want)
				}
			}
		})
	}
}
