//! BIP39 recovery phrases, through the `bip39` crate.

use bip39::{Language, Mnemonic};
use zeroize::Zeroizing;

use super::KeyError;

/// How many words a new recovery phrase has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordCount {
    /// 12 words, 128 bits of entropy.
    Twelve,
    /// 24 words, 256 bits of entropy.
    TwentyFour,
}

impl WordCount {
    /// Number of words.
    pub fn words(self) -> usize {
        match self {
            Self::Twelve => 12,
            Self::TwentyFour => 24,
        }
    }
}

/// A BIP39 recovery phrase. The inner `Mnemonic` zeroizes itself on drop.
#[derive(Clone)]
pub struct SeedPhrase(Mnemonic);

impl SeedPhrase {
    /// Generates a new English phrase from the operating system's CSPRNG.
    pub fn generate(count: WordCount) -> Self {
        let words = match count {
            WordCount::Twelve => bip39::WordCount::Words12,
            WordCount::TwentyFour => bip39::WordCount::Words24,
        };
        let mnemonic = Mnemonic::generate_in_with(&mut rand::rngs::OsRng, Language::English, words)
            .expect("12 and 24 are valid BIP39 word counts");
        Self(mnemonic)
    }

    /// Parses a phrase typed by a person: any supported word list, any whitespace,
    /// case-insensitive, checked word by word and then by checksum.
    pub fn parse(phrase: &str) -> Result<Self, KeyError> {
        let mut nfkd = std::borrow::Cow::Borrowed(phrase);
        Mnemonic::normalize_utf8_cow(&mut nfkd);
        let normalized = Zeroizing::new(
            nfkd.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        );
        if let std::borrow::Cow::Owned(mut copy) = nfkd {
            zeroize::Zeroize::zeroize(&mut copy);
        }
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        if !matches!(words.len(), 12 | 15 | 18 | 21 | 24) {
            return Err(KeyError::MnemonicWordCount(words.len()));
        }
        let candidates = match Mnemonic::language_of(normalized.as_str()) {
            Ok(language) => vec![language],
            // Word lists share words (Chinese simplified and traditional do): the
            // checksum decides.
            Err(bip39::Error::AmbiguousLanguages(ambiguous)) => ambiguous.to_vec(),
            Err(_) => return Err(first_unknown_word(&words)),
        };
        let mut parsed: Vec<_> = candidates
            .iter()
            .map(|l| Mnemonic::parse_in(*l, normalized.as_str()))
            .collect();
        // Several lists may accept the phrase; the seed depends only on the words' text,
        // so that is ambiguous only if the texts (and so the seeds) differ.
        let mut texts: Vec<String> = parsed.iter().flatten().map(|m| m.to_string()).collect();
        texts.dedup();
        if texts.len() > 1 {
            return Err(KeyError::MnemonicLanguage);
        }
        texts.iter_mut().for_each(zeroize::Zeroize::zeroize);
        let index = parsed.iter().position(Result::is_ok).unwrap_or(0);
        parsed.swap_remove(index).map(Self).map_err(|e| match e {
            bip39::Error::BadWordCount(n) => KeyError::MnemonicWordCount(n),
            bip39::Error::UnknownWord(i) => KeyError::UnknownMnemonicWord {
                position: i + 1,
                word: words.get(i).copied().unwrap_or_default().to_owned(),
            },
            bip39::Error::InvalidChecksum => KeyError::MnemonicChecksum,
            bip39::Error::AmbiguousLanguages(_) => KeyError::MnemonicLanguage,
            bip39::Error::BadEntropyBitCount(bits) => KeyError::EntropyLength(bits / 8),
        })
    }

    /// Rebuilds a phrase from its entropy and word list (how the vault stores it).
    pub fn from_entropy(language: Language, entropy: &[u8]) -> Result<Self, KeyError> {
        Mnemonic::from_entropy_in(language, entropy)
            .map(Self)
            .map_err(|_| KeyError::EntropyLength(entropy.len()))
    }

    /// The phrase as words separated by single spaces.
    pub fn phrase(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.to_string())
    }

    /// The words, in order.
    pub fn words(&self) -> Vec<&'static str> {
        self.0.words().collect()
    }

    /// The phrase's entropy.
    pub fn entropy(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.0.to_entropy())
    }

    /// The word list the phrase is written in.
    pub fn language(&self) -> Language {
        self.0.language()
    }

    /// The 64-byte BIP39 seed for an optional passphrase (the "25th word").
    pub fn to_seed(&self, passphrase: &str) -> Zeroizing<[u8; 64]> {
        Zeroizing::new(self.0.to_seed(passphrase))
    }
}

impl std::fmt::Debug for SeedPhrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeedPhrase(<redacted>)")
    }
}

/// Names a word list the way the vault records it.
pub fn language_name(language: Language) -> String {
    format!("{language:?}").to_lowercase()
}

/// Finds a word list by the name [`language_name`] gives it.
pub fn language_by_name(name: &str) -> Option<Language> {
    Language::ALL
        .iter()
        .copied()
        .find(|l| language_name(*l) == name)
}

fn first_unknown_word(words: &[&str]) -> KeyError {
    let position = words
        .iter()
        .position(|w| Language::ALL.iter().all(|l| l.find_word(w).is_none()))
        .unwrap_or(0);
    KeyError::UnknownMnemonicWord {
        position: position + 1,
        word: words[position].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABANDON: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    #[test]
    fn generate_gives_valid_phrases_of_the_asked_length() {
        for count in [WordCount::Twelve, WordCount::TwentyFour] {
            let a = SeedPhrase::generate(count);
            let b = SeedPhrase::generate(count);
            assert_eq!(a.words().len(), count.words());
            assert_ne!(
                a.phrase().as_str(),
                b.phrase().as_str(),
                "two fresh phrases must differ"
            );
            assert_eq!(
                SeedPhrase::parse(&a.phrase()).unwrap().entropy(),
                a.entropy()
            );
        }
    }

    #[test]
    fn parse_is_forgiving_about_spacing_and_case() {
        let messy = format!("  {}\n", ABANDON.to_uppercase().replace(' ', "   "));
        assert_eq!(
            SeedPhrase::parse(&messy).unwrap().phrase().as_str(),
            ABANDON
        );
    }

    #[test]
    fn bad_phrases_say_what_is_wrong() {
        let unknown = ABANDON.replacen("about", "abuot", 1);
        match SeedPhrase::parse(&unknown) {
            Err(KeyError::UnknownMnemonicWord { position: 12, word }) => assert_eq!(word, "abuot"),
            other => panic!("{other:?}"),
        }
        let checksum = ABANDON.replacen("about", "abandon", 1);
        assert!(matches!(
            SeedPhrase::parse(&checksum),
            Err(KeyError::MnemonicChecksum)
        ));
        assert!(matches!(
            SeedPhrase::parse("abandon abandon abandon"),
            Err(KeyError::MnemonicWordCount(3))
        ));
    }
}
