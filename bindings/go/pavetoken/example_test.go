package pavetoken_test

import (
	"fmt"
	"net/http"

	"github.com/pave-token/pave-token/bindings/go/pavetoken"
)

func ExampleToken() {
	token, err := pavetoken.Token("acme_motors", "0123456789abcdef0123456789abcdef", "2026-11-29T21:33:57Z",
		"fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")
	if err != nil {
		panic(err)
	}
	fmt.Println(token)
	// Output: 891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e
}

func ExampleSigner() {
	signer, err := pavetoken.NewSigner("acme_motors", "0123456789abcdef0123456789abcdef",
		"fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")
	if err != nil {
		panic(err)
	}
	defer signer.Close()
	token, _ := signer.Token("2026-11-29T21:33:57Z")
	fmt.Println(token)
	// Output: 891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e
}

func ExampleSignRequest() {
	req, _ := http.NewRequest("GET", "https://openapi.paveapi.com/v1/sessions", nil)
	if err := pavetoken.SignRequest(req, "acme_motors", "0123456789abcdef0123456789abcdef", "secret"); err != nil {
		panic(err)
	}
	fmt.Println(req.Header.Get("API-Key"), len(req.Header.Get("API-Token")), len(req.Header.Get("API-Timestamp")))
	// Output: 0123456789abcdef0123456789abcdef 64 20
}
