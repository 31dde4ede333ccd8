//! Checking that a new recovery phrase was written down: three of its words, at positions
//! picked at random, typed back before the wallet is created. Both shells ask the same
//! way; the rule lives here.

use rand::seq::index::sample;

use super::{KeyError, SeedPhrase};

/// How many words are asked back.
pub const WORDS_CHECKED: usize = 3;

/// The positions (1-based, in order) whose words the person types back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupCheck {
    positions: Vec<u8>,
}

impl BackupCheck {
    /// Three distinct positions of a phrase of `words` words, from the OS's randomness.
    pub fn new(words: usize) -> Self {
        let mut positions: Vec<u8> = sample(&mut rand::rngs::OsRng, words, WORDS_CHECKED)
            .into_iter()
            .map(|i| u8::try_from(i + 1).expect("a phrase has at most 24 words"))
            .collect();
        positions.sort_unstable();
        Self { positions }
    }

    /// The positions to ask for, 1-based, in order.
    pub fn positions(&self) -> &[u8] {
        &self.positions
    }

    /// Checks the typed words (one per position, in order; case and surrounding spaces
    /// ignored) against `phrase`; the error names every position that does not match.
    pub fn verify(&self, phrase: &SeedPhrase, answers: &[&str]) -> Result<(), KeyError> {
        let words = phrase.words();
        let wrong: Vec<u8> = self
            .positions
            .iter()
            .enumerate()
            .filter(|(i, pos)| {
                let typed = answers.get(*i).map(|a| a.trim().to_lowercase());
                words.get(usize::from(**pos) - 1).map(|w| w.to_string()) != typed
            })
            .map(|(_, pos)| *pos)
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(KeyError::BackupMismatch(wrong))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::WordCount;

    #[test]
    fn three_distinct_ordered_positions_inside_the_phrase() {
        for words in [12, 24] {
            for _ in 0..50 {
                let check = BackupCheck::new(words);
                let p = check.positions();
                assert_eq!(p.len(), WORDS_CHECKED);
                assert!(p.windows(2).all(|w| w[0] < w[1]), "{p:?}");
                assert!(p.iter().all(|&i| (1..=words as u8).contains(&i)), "{p:?}");
            }
        }
    }

    #[test]
    fn only_the_right_words_pass_and_a_wrong_one_is_named() {
        let phrase = SeedPhrase::generate(WordCount::Twelve);
        let words = phrase.words();
        let check = BackupCheck::new(12);
        let right: Vec<String> = check
            .positions()
            .iter()
            .map(|&p| format!(" {} ", words[usize::from(p) - 1].to_uppercase()))
            .collect();
        let answers: Vec<&str> = right.iter().map(String::as_str).collect();
        check.verify(&phrase, &answers).unwrap();
        let mut wrong = answers.clone();
        wrong[1] = "zebra-not-a-word";
        let err = check.verify(&phrase, &wrong).unwrap_err();
        let KeyError::BackupMismatch(positions) = &err else {
            panic!("{err}")
        };
        assert_eq!(positions, &[check.positions()[1]]);
        assert!(
            err.to_string()
                .contains(&format!("#{}", check.positions()[1]))
        );
        // Missing answers are wrong answers.
        assert!(check.verify(&phrase, &answers[..1]).is_err());
    }
}
