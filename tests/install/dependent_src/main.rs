fn main() {
    let token = pave_token::token(
        "acme_motors",
        "0123456789abcdef0123456789abcdef",
        "2026-11-29T21:33:57Z",
        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
    )
    .expect("the worked example signs");
    assert_eq!(
        token.as_str(),
        "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e"
    );
    println!("ok {token}");
}
