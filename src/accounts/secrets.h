// Password hashing (Argon2id, libsodium's crypto_pwhash_str at its
// interactive cost: 2 passes over 64 MiB) and the random secrets of tokens
// and reset links, stored as their BLAKE2b hash.
#pragma once

#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop::accounts {

// OK for a password Accounts takes: valid UTF-8, kMinPasswordCharacters
// code points or more, kMaxPasswordBytes bytes or fewer. The message never
// holds the password.
Status CheckPassword(std::string_view password);

// The Argon2id hash of `password`, with its own random salt and cost, in
// the "$argon2id$..." text form. Internal if memory runs out.
Result<std::string> HashPassword(std::string_view password);

// True when `password` is the one `hash` was made from.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Spends the time a VerifyPassword takes, for an email with no member, so
// the time taken does not tell members apart.
void VerifyNoPassword(std::string_view password);

// A new secret: `prefix` and 32 random bytes, base64url.
std::string NewSecret(std::string_view prefix);

// What a secret is stored as: its BLAKE2b-256 digest in hex. A token has
// 256 random bits, so a fast hash is enough; a password is not hashed so.
std::string SecretDigest(std::string_view secret);

}  // namespace learnloop::accounts
