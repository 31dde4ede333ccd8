//! Without anvil the error names the setup command (own test binary: it sets an env var).

use switchyard_devnet::Devnet;

#[tokio::test]
async fn missing_anvil_names_the_setup_command() {
    // SAFETY: this test binary has no other threads reading the environment.
    unsafe { std::env::set_var("SWITCHYARD_ANVIL", "/nonexistent/anvil") };
    let err = Devnet::builder().up().await.unwrap_err().to_string();
    assert!(err.contains("scripts/setup.sh"), "{err}");
}
