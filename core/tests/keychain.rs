//! "Remember on this device" against a real Secret Service. The README's test command
//! runs the suite inside `dbus-run-session` with an unlocked gnome-keyring
//! (scripts/with-keyring.sh); without one this test fails, it does not skip.

use switchyard_core::{
    Unlock, Wallet,
    keys::{KdfParams, Password, SeedPhrase, keychain::KeychainEntry},
};

const LIGHT: KdfParams = KdfParams {
    memory_kib: 256,
    iterations: 1,
    parallelism: 1,
};

#[test]
fn remember_recall_forget_against_the_os_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = Wallet::open(dir.path()).unwrap();
    let phrase =
        SeedPhrase::parse("test test test test test test test test test test test junk").unwrap();
    let password = Password::new("correct horse battery");
    let (session, first) = wallet.create(&phrase, "", &password, LIGHT).unwrap();

    // Nothing remembered yet: the keychain path says so.
    assert!(matches!(
        wallet.unlock(Unlock::Keychain),
        Err(switchyard_core::Error::NotRemembered)
    ));
    wallet.remember_on_device(&session).unwrap();
    assert!(wallet.is_remembered().unwrap());

    // A second handle on the same data directory (a new process) opens without the password.
    let again = Wallet::open(dir.path()).unwrap();
    let unlocked = again.unlock(Unlock::Keychain).unwrap();
    let signer = again.local_signer(&unlocked, &first).unwrap();
    assert_eq!(signer.address(), first.address);

    assert!(again.forget_on_device().unwrap());
    assert!(!again.is_remembered().unwrap());
    assert!(matches!(
        again.unlock(Unlock::Keychain),
        Err(switchyard_core::Error::NotRemembered)
    ));
    // Forgetting twice is harmless.
    assert!(!again.forget_on_device().unwrap());
}

#[test]
fn raw_entry_round_trip() {
    let entry = KeychainEntry::for_vault(&format!("test-{}", std::process::id())).unwrap();
    assert!(entry.recall().unwrap().is_none());
    let dir = tempfile::tempdir().unwrap();
    let wallet = Wallet::open(dir.path()).unwrap();
    let phrase =
        SeedPhrase::parse("test test test test test test test test test test test junk").unwrap();
    let (session, _) = wallet
        .create(&phrase, "", &Password::new("correct horse battery"), LIGHT)
        .unwrap();
    wallet.remember_on_device(&session).unwrap();
    assert!(wallet.forget_on_device().unwrap());
    assert!(!entry.forget().unwrap());
}
