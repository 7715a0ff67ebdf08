//! A bound on concurrent password hashing (logins, password changes, account creation and
//! resets).
//!
//! argon2id with the default parameters takes 19 MiB and tens of milliseconds of one core per
//! hash; a burst of 24 logins took the server from 105 MB to 726 MB and queued every other
//! blocking task behind them. At most one hash per core runs at once; a request that finds them
//! all busy waits briefly ([`WAIT`]) and is then refused with `503 busy` and `Retry-After`,
//! rather than piling up memory.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// How long a request waits for a free slot before it is refused.
pub const WAIT: Duration = Duration::from_secs(2);

/// What `Retry-After` says when refused: a hash takes well under a second, so a few seconds.
pub const RETRY_AFTER_SECONDS: u64 = 5;

/// The slots for password hashing, shared by every request of one server.
#[derive(Debug, Clone)]
pub struct PasswordGate {
    slots: Arc<Semaphore>,
    capacity: usize,
}

/// A slot held while one hash runs; dropping it frees the slot.
#[derive(Debug)]
pub struct HashingSlot {
    _permit: OwnedSemaphorePermit,
}

impl PasswordGate {
    /// A gate with `capacity` slots (at least one).
    pub fn new(capacity: usize) -> PasswordGate {
        let capacity = capacity.max(1);
        PasswordGate {
            slots: Arc::new(Semaphore::new(capacity)),
            capacity,
        }
    }

    /// One slot per core the process may use (one if that cannot be known).
    pub fn sized_to_cores() -> PasswordGate {
        PasswordGate::new(std::thread::available_parallelism().map_or(1, usize::from))
    }

    /// How many hashes may run at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// A slot, waiting up to [`WAIT`] for one; `Err(Busy)` if none freed up in time.
    pub async fn enter(&self) -> Result<HashingSlot, AppError> {
        let busy = AppError::Busy {
            retry_after: RETRY_AFTER_SECONDS,
        };
        match tokio::time::timeout(WAIT, Arc::clone(&self.slots).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(HashingSlot { _permit: permit }),
            // Timed out, or (never here) the semaphore was closed.
            Ok(Err(_)) | Err(_) => Err(busy),
        }
    }
}

impl Default for PasswordGate {
    fn default() -> PasswordGate {
        PasswordGate::sized_to_cores()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_gate_refuses_after_the_wait() {
        let gate = PasswordGate::new(1);
        let held = gate.enter().await.unwrap();
        assert!(matches!(
            gate.enter().await,
            Err(AppError::Busy {
                retry_after: RETRY_AFTER_SECONDS
            })
        ));
        drop(held);
        assert!(gate.enter().await.is_ok());
    }
}
