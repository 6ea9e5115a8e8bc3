// SHA-256 digests of imported files, for import provenance: a file imported
// twice shows the same digest. Streaming, so large files need not be read
// into memory at once.
#pragma once

#include <sodium/crypto_hash_sha256.h>

#include <string>
#include <string_view>

namespace learnloop::store {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  // The digest as 64 lower-case hex digits. Call once; the hasher is done.
  std::string FinishHex();

 private:
  crypto_hash_sha256_state state_;
};

// The digest of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

// Readies libsodium (once, thread-safe) before any other call into it.
void InitSodium();

}  // namespace learnloop::store
