#include "store/checksum.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace learnloop::store {

void InitSodium() {
  // sodium_init is thread-safe and idempotent; the static makes it run once.
  static const bool kReady = sodium_init() >= 0;
  if (!kReady) throw std::runtime_error("libsodium failed to initialize");
}

Sha256::Sha256() {
  InitSodium();
  crypto_hash_sha256_init(&state_);
}

void Sha256::Update(std::string_view bytes) {
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string Sha256::FinishHex() {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256_final(&state_, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), hex.size() - 1);
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 hasher;
  hasher.Update(bytes);
  return hasher.FinishHex();
}

}  // namespace learnloop::store
