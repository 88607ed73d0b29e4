// Command pave-sessions calls GET {PAVE_BASE_URL}/v1/sessions with a request
// signed by pavetoken.SignRequest, prints the status and body, and exits 1 on
// a 4xx/5xx answer, 2 on a usage or transport error.
//
// Environment: PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET, and PAVE_BASE_URL
// (default https://openapi.paveapi.com).
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/pave-token/pave-token/bindings/go/pavetoken"
)

func main() {
	base := os.Getenv("PAVE_BASE_URL")
	if base == "" {
		base = "https://openapi.paveapi.com"
	}
	req, err := http.NewRequest(http.MethodGet, base+"/v1/sessions", nil)
	if err != nil {
		fail(err)
	}
	if err := pavetoken.SignRequest(req, os.Getenv("PAVE_USERNAME"), os.Getenv("PAVE_API_KEY"), os.Getenv("PAVE_API_SECRET")); err != nil {
		fail(err)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		fail(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("%s\nHTTP %d\n", body, resp.StatusCode)
	if resp.StatusCode >= 400 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "pave-sessions:", err)
	os.Exit(2)
}
