use alloy::primitives::{Address, U256};

use super::*;

/// An ETH withdrawal from chain 10 to chain 1, just created (also for the store's tests).
pub(crate) fn journey() -> Journey {
    Journey::new(
        Journey::new_id(),
        JourneyKind::OpWithdrawal,
        10,
        1,
        Address::repeat_byte(1),
        Address::repeat_byte(2),
        JourneyAsset {
            symbol: "ETH".into(),
            decimals: 18,
            source_token: None,
            destination_token: None,
        },
        U256::from(5),
        100,
    )
}

#[test]
fn a_move_backwards_keeps_its_reason_and_the_old_state_in_history() {
    let mut j = journey();
    assert!(j.observe(Observation::of(JourneyState::Maturing), 110));
    assert!(j.observe(
        Observation::of(JourneyState::ReadyToProve).because("re-prove: the game was blacklisted"),
        120
    ));
    assert_eq!(j.state, JourneyState::ReadyToProve);
    assert_eq!(j.next_action(), Some(JourneyAction::Prove));
    let states: Vec<_> = j.history.iter().map(|c| c.state).collect();
    assert_eq!(states, [JourneyState::Maturing, JourneyState::ReadyToProve]);
    assert_eq!(
        j.history[1].reason.as_deref(),
        Some("re-prove: the game was blacklisted")
    );
}

#[test]
fn a_move_backwards_without_a_reason_is_named_a_reorg() {
    let mut j = journey();
    j.observe(Observation::of(JourneyState::Completed), 110);
    j.observe(Observation::of(JourneyState::AwaitingDelivery), 120);
    assert!(j.reason.as_deref().unwrap().starts_with("reorg:"), "{j:?}");
}

#[test]
fn reading_the_same_state_again_adds_no_history() {
    let mut j = journey();
    assert!(j.observe(Observation::of(JourneyState::AwaitingGame), 110));
    assert!(!j.observe(Observation::of(JourneyState::AwaitingGame), 120));
    assert_eq!(j.history.len(), 1);
    assert_eq!(j.updated_at, 120);
}

#[test]
fn ids_are_fresh_or_derived_from_the_first_transaction() {
    assert_ne!(Journey::new_id(), Journey::new_id());
    assert_eq!(Journey::new_id().len(), 17);
    let tx = alloy::primitives::B256::repeat_byte(7);
    assert_eq!(Journey::id_for(1, tx), Journey::id_for(1, tx));
    assert_ne!(Journey::id_for(1, tx), Journey::id_for(2, tx));
}

#[test]
fn states_and_kinds_round_trip_through_their_text() {
    for kind in [
        JourneyKind::OpDeposit,
        JourneyKind::OpWithdrawal,
        JourneyKind::ArbDeposit,
        JourneyKind::ArbWithdrawal,
    ] {
        assert_eq!(JourneyKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(JourneyState::ReadyToProve.as_str(), "ready_to_prove");
}
