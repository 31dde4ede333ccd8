//! The simulator on the emulator's UDP protocol: one 64-byte datagram per protocol-v1
//! packet, `PINGPING` → `PONGPONG` for liveness (trezorlib `transport/udp.py`).

use std::{
    net::{SocketAddr, UdpSocket},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread::JoinHandle,
    time::Duration,
};

use protobuf::Enum;
use trezor_client::{
    protos::MessageType,
    transport::{
        ProtoMessage,
        error::Error as TransportError,
        protocol::{Link, Protocol, ProtocolV1},
    },
};

use super::{Channel, Owner, Shared};

const PACKET: usize = 64;
const POLL: Duration = Duration::from_millis(50);

/// A running UDP endpoint; it stops when dropped.
pub struct UdpServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    _owner: Arc<Owner>,
}

impl std::fmt::Debug for UdpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UdpServer({})", self.addr)
    }
}

impl UdpServer {
    pub(super) fn start(
        shared: Arc<Shared>,
        owner: Arc<Owner>,
        addr: &str,
    ) -> std::io::Result<Self> {
        let socket = UdpSocket::bind(addr)?;
        socket.set_read_timeout(Some(POLL))?;
        let addr = socket.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let peer = Arc::new(Mutex::new(None::<SocketAddr>));

        let receiver = {
            let (socket, stop, peer, shared) = (
                socket.try_clone()?,
                Arc::clone(&stop),
                Arc::clone(&peer),
                Arc::clone(&shared),
            );
            std::thread::Builder::new()
                .name("trezor-sim-udp-rx".into())
                .spawn(move || receive(&socket, &stop, &peer, &shared))?
        };
        let sender = {
            let (stop, peer, shared) = (Arc::clone(&stop), Arc::clone(&peer), Arc::clone(&shared));
            std::thread::Builder::new()
                .name("trezor-sim-udp-tx".into())
                .spawn(move || send(&socket, &stop, &peer, &shared))?
        };
        Ok(Self {
            addr,
            stop,
            threads: vec![receiver, sender],
            _owner: owner,
        })
    }

    /// Where it listens (`host:port` for `TrezorEndpoint::Udp` or trezorlib's `udp:` path).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for UdpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

fn receive(
    socket: &UdpSocket,
    stop: &AtomicBool,
    peer: &Mutex<Option<SocketAddr>>,
    shared: &Shared,
) {
    let mut buf = [0u8; PACKET * 2];
    // A message being reassembled: type, expected length, payload so far.
    let mut partial: Option<(u16, usize, Vec<u8>)> = None;
    while !stop.load(Ordering::SeqCst) {
        let (n, from) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            Err(_) => continue,
        };
        if n == 8 && &buf[..8] == b"PINGPING" {
            let _ = socket.send_to(b"PONGPONG", from);
            shared.udp_reconnect();
            partial = None;
            continue;
        }
        if n != PACKET {
            continue;
        }
        *peer.lock().unwrap_or_else(|e| e.into_inner()) = Some(from);
        let packet = &buf[..PACKET];
        if packet.starts_with(b"?##") {
            let kind = u16::from_be_bytes([packet[3], packet[4]]);
            let len = u32::from_be_bytes([packet[5], packet[6], packet[7], packet[8]]) as usize;
            partial = Some((kind, len, packet[9..].to_vec()));
        } else if packet[0] == b'?' {
            if let Some((_, _, data)) = partial.as_mut() {
                data.extend_from_slice(&packet[1..]);
            }
        } else {
            continue;
        }
        if let Some((kind, len, data)) = partial.take_if(|(_, len, data)| data.len() >= *len) {
            // An id the protobufs do not know cannot be answered meaningfully: drop it.
            if let Some(kind) = MessageType::from_i32(i32::from(kind)) {
                let _ = shared.deliver(Channel::Udp, ProtoMessage::new(kind, data[..len].to_vec()));
            }
        }
    }
}

fn send(socket: &UdpSocket, stop: &AtomicBool, peer: &Mutex<Option<SocketAddr>>, shared: &Shared) {
    while !stop.load(Ordering::SeqCst) {
        let Ok(Some(message)) = shared.take(Channel::Udp, POLL) else {
            continue;
        };
        let Some(to) = *peer.lock().unwrap_or_else(|e| e.into_inner()) else {
            continue;
        };
        let mut framing = ProtocolV1 {
            link: Packets(Vec::new()),
        };
        if framing.write(message).is_ok() {
            for packet in framing.link.0 {
                let _ = socket.send_to(&packet, to);
            }
        }
    }
}

/// Collects the packets trezor-client's protocol-v1 framing writes.
struct Packets(Vec<Vec<u8>>);

impl Link for Packets {
    fn write_chunk(&mut self, chunk: Vec<u8>) -> Result<(), TransportError> {
        self.0.push(chunk);
        Ok(())
    }
    fn read_chunk(&mut self) -> Result<Vec<u8>, TransportError> {
        Err(TransportError::DeviceReadTimeout)
    }
}
