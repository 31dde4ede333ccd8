//! What a Trezor's `Failure` (and a broken link) means for the person in front of it.

use trezor_client::protos::{Failure, failure::FailureType};

use crate::{DeviceError, HdPath, Vendor};

/// Maps a device `Failure` to the error the UI shows (hardware-wallets.md §3.2, §5.5).
/// `path` is the path of the request, named in a "Forbidden key path" error.
pub(crate) fn from_failure(failure: &Failure, path: Option<&HdPath>) -> DeviceError {
    let code = failure.code.map(|c| c.value()).unwrap_or(0);
    let message = failure.message();
    match FailureType::from_i32_opt(code) {
        Some(FailureType::Failure_ActionCancelled) => DeviceError::Rejected(Vendor::Trezor),
        Some(FailureType::Failure_PinInvalid) => DeviceError::WrongPin,
        Some(FailureType::Failure_PinCancelled) => DeviceError::EntryCancelled,
        // The device wanted a PIN first: it is locked.
        Some(FailureType::Failure_PinExpected) => DeviceError::Locked(Vendor::Trezor),
        Some(FailureType::Failure_DataError) if message.contains("Forbidden key path") => {
            DeviceError::ForbiddenPath(
                path.map(ToString::to_string)
                    .unwrap_or_else(|| "of this request".to_owned()),
            )
        }
        Some(FailureType::Failure_Busy) => DeviceError::Busy(Vendor::Trezor),
        _ => DeviceError::Device {
            vendor: Vendor::Trezor,
            detail: format!("code {code}: {message}"),
        },
    }
}

/// `FailureType::from_i32` without pulling protobuf's `Enum` trait into every caller.
trait FromI32Opt: Sized {
    fn from_i32_opt(value: i32) -> Option<Self>;
}

impl FromI32Opt for FailureType {
    fn from_i32_opt(value: i32) -> Option<Self> {
        <Self as protobuf::Enum>::from_i32(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: FailureType, message: &str) -> Failure {
        let mut f = Failure::new();
        f.set_code(code);
        f.set_message(message.to_owned());
        f
    }

    #[test]
    fn failures_map_to_their_states() {
        let path: HdPath = "m/44'/0'/0'/0/0".parse().unwrap();
        assert!(matches!(
            from_failure(
                &failure(FailureType::Failure_ActionCancelled, "Cancelled"),
                None
            ),
            DeviceError::Rejected(Vendor::Trezor)
        ));
        assert!(matches!(
            from_failure(
                &failure(FailureType::Failure_PinInvalid, "PIN invalid"),
                None
            ),
            DeviceError::WrongPin
        ));
        assert!(matches!(
            from_failure(&failure(FailureType::Failure_PinCancelled, ""), None),
            DeviceError::EntryCancelled
        ));
        assert!(matches!(
            from_failure(&failure(FailureType::Failure_PinExpected, ""), None),
            DeviceError::Locked(Vendor::Trezor)
        ));
        match from_failure(
            &failure(FailureType::Failure_DataError, "Forbidden key path"),
            Some(&path),
        ) {
            DeviceError::ForbiddenPath(p) => assert_eq!(p, "m/44'/0'/0'/0/0"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            from_failure(&failure(FailureType::Failure_Busy, ""), None),
            DeviceError::Busy(Vendor::Trezor)
        ));
        match from_failure(&failure(FailureType::Failure_ProcessError, "boom"), None) {
            DeviceError::Device { detail, .. } => assert_eq!(detail, "code 9: boom"),
            other => panic!("{other:?}"),
        }
        match from_failure(
            &failure(FailureType::Failure_DataError, "Invalid chain id"),
            None,
        ) {
            DeviceError::Device { detail, .. } => assert_eq!(detail, "code 3: Invalid chain id"),
            other => panic!("{other:?}"),
        }
    }
}
