//! The client's IP address, for the per-client rate limits of lookups and logins.
//!
//! By default it is the connection's peer. Behind a reverse proxy (nginx at the center, a
//! government cloud's load balancer) every peer is the proxy, so every citizen would share one
//! bucket: one person guessing codes would lock a whole county out. The operator therefore
//! names the proxies it trusts (`--trusted-proxies`); only when the peer is one of them is
//! `X-Forwarded-For` read, from the right (the hop the trusted proxy itself added) leftwards,
//! skipping further trusted hops. Anything left of the first untrusted hop was written by the
//! client and could be forged, so it is never used. An untrusted peer's header is ignored.
//!
//! `X-Forwarded-Proto` gets the same treatment: the request came over TLS only when a trusted
//! proxy says so ([`TrustedProxies::forwarded_https`]); anyone else could claim it to get
//! `Secure` cookies or HSTS decisions made on a plain connection.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::AppState;

/// One trusted address or network, like `10.0.0.1` or `192.168.0.0/16` or `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

/// Why a `--trusted-proxies` entry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    /// Not an IP address.
    #[error("“{0}” is not an IP address or a network like 10.0.0.0/8")]
    Address(String),
    /// The prefix after `/` is not a number within the address's length.
    #[error("“{0}”: the prefix length must be 0–32 for IPv4 and 0–128 for IPv6")]
    Prefix(String),
}

impl FromStr for Network {
    type Err = NetworkError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = address
            .parse()
            .map_err(|_| NetworkError::Address(text.to_owned()))?;
        let bits = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| NetworkError::Prefix(text.to_owned()))?,
        };
        Ok(Network { base, prefix })
    }
}

impl Network {
    /// Whether `ip` lies in this network (an IPv4-mapped IPv6 address counts as its IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, canonical(ip)) {
            (IpAddr::V4(base), IpAddr::V4(ip)) => {
                masked(u128::from(u32::from(base)), self.prefix, 32)
                    == masked(u128::from(u32::from(ip)), self.prefix, 32)
            }
            (IpAddr::V6(base), IpAddr::V6(ip)) => {
                masked(u128::from(base), self.prefix, 128)
                    == masked(u128::from(ip), self.prefix, 128)
            }
            _ => false,
        }
    }
}

/// `value` with all but its first `prefix` bits (of `width`) cleared.
fn masked(value: u128, prefix: u8, width: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        value >> (width - prefix)
    }
}

/// `::ffff:a.b.c.d` as `a.b.c.d` (a dual-stack socket reports IPv4 peers that way).
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// The proxies whose `X-Forwarded-For` is believed; empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

impl TrustedProxies {
    /// The given networks.
    pub fn new(networks: Vec<Network>) -> TrustedProxies {
        TrustedProxies(networks)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(ip))
    }

    /// The client's address for a request from `peer` carrying `headers`.
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = canonical(peer?);
        if !self.trusts(peer) {
            return Some(peer);
        }
        // Every X-Forwarded-For line, in order, as one list of hops (left = furthest).
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                // A hop that is not an address: nothing left of it can be believed.
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        Some(client)
    }
}

impl TrustedProxies {
    /// Whether a request from `peer` reached the TLS-terminating proxy over https: the peer is a
    /// trusted proxy and its `X-Forwarded-Proto` (the last value, the one it added) says
    /// `https`. From any other peer the header is ignored.
    pub fn forwarded_https(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> bool {
        let Some(peer) = peer else { return false };
        if !self.trusts(canonical(peer)) {
            return false;
        }
        headers
            .get_all("x-forwarded-proto")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .next_back()
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
    }
}

/// The connection's peer, when the server recorded it (`ConnectInfo`; absent only in tests
/// that drive the router directly).
pub fn peer_ip(extensions: &axum::http::Extensions) -> Option<IpAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// Whether the request came over https through a trusted proxy (see
/// [`TrustedProxies::forwarded_https`]): a request extension, set by
/// `security::add_security_headers`, which decides it once for HSTS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ForwardedHttps(pub bool);

/// One `X-Forwarded-For` hop: an address, possibly with a port (`1.2.3.4:5678`,
/// `[2001:db8::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    hop.parse::<SocketAddr>()
        .ok()
        .map(|addr| canonical(addr.ip()))
}

/// The key of `ip` for the per-client limits: an IPv4 address as it is, an IPv6 client by its
/// /64 (`2001:db8:1:2::/64`). One IPv6 subscriber line or LAN gets a whole /64 and picks any
/// address in it at will (privacy addresses), so keying on the full address would give a
/// guesser 2^64 fresh buckets.
pub fn client_key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = std::net::Ipv6Addr::from(u128::from(v6) & !(u128::from(u64::MAX)));
            format!("{network}/64")
        }
    }
}

/// The client's key for the per-client limits (see [`client_key`]), as an extractor that never
/// rejects: an unknown peer (only in tests without `ConnectInfo`) shares one bucket, `unknown`.
pub struct ClientIp(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = peer_ip(&parts.extensions);
        let ip = state.trusted_proxies.client_ip(peer, &parts.headers);
        Ok(ClientIp(
            ip.map_or_else(|| "unknown".to_owned(), client_key),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(list.iter().map(|n| n.parse().unwrap()).collect())
    }

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append("x-forwarded-for", HeaderValue::from_str(line).unwrap());
        }
        headers
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn networks_parse_and_contain() {
        let net: Network = "192.168.0.0/16".parse().unwrap();
        assert!(net.contains("192.168.3.4".parse().unwrap()));
        assert!(!net.contains("192.169.0.1".parse().unwrap()));
        assert!(net.contains("::ffff:192.168.9.9".parse().unwrap()));
        let host: Network = " 10.0.0.1 ".parse().unwrap();
        assert!(host.contains("10.0.0.1".parse().unwrap()));
        assert!(!host.contains("10.0.0.2".parse().unwrap()));
        let v6: Network = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!(!v6.contains("10.0.0.1".parse().unwrap()));
        let all: Network = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("8.8.8.8".parse().unwrap()));
    }

    #[test]
    fn bad_networks_are_named() {
        assert_eq!(
            "proxy.local".parse::<Network>(),
            Err(NetworkError::Address("proxy.local".into()))
        );
        assert_eq!(
            "10.0.0.0/33".parse::<Network>(),
            Err(NetworkError::Prefix("10.0.0.0/33".into()))
        );
        assert!("10.0.0.0/x".parse::<Network>().is_err());
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let key = |text: &str| client_key(text.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        let headers = forwarded(&["1.2.3.4"]);
        assert_eq!(none.client_ip(ip("10.0.0.1"), &headers), ip("10.0.0.1"));
        assert_eq!(none.client_ip(None, &headers), None);
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let trusted = proxies(&["10.0.0.1"]);
        let headers = forwarded(&["203.0.113.7"]);
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), &headers),
            ip("203.0.113.7")
        );
        // The same header from anyone else is the sender's own claim.
        assert_eq!(
            trusted.client_ip(ip("198.51.100.2"), &headers),
            ip("198.51.100.2")
        );
    }

    #[test]
    fn a_forged_left_part_is_skipped() {
        let trusted = proxies(&["10.0.0.0/8"]);
        // The client wrote "6.6.6.6" itself; the edge proxy appended the real peer, an inner
        // proxy appended the edge's address.
        let headers = forwarded(&["6.6.6.6, 203.0.113.7", "10.1.1.1"]);
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), &headers),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn ports_garbage_and_all_trusted_hops() {
        let trusted = proxies(&["10.0.0.0/8"]);
        let with_port = forwarded(&["203.0.113.7:51234"]);
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), &with_port),
            ip("203.0.113.7")
        );
        let v6 = forwarded(&["[2001:db8::5]:443"]);
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), &v6), ip("2001:db8::5"));
        // Garbage stops the walk at the last believable hop.
        let garbage = forwarded(&["203.0.113.7, unknown"]);
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), &garbage), ip("10.0.0.1"));
        // Only trusted hops: the leftmost of them.
        let internal = forwarded(&["10.2.2.2, 10.3.3.3"]);
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), &internal), ip("10.2.2.2"));
        // No header from a trusted proxy: the proxy itself.
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }
}
