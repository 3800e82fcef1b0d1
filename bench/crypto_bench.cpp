// Costs of the crypto and audit operations on the request path: sealing and opening a field,
// one interactive password check (a login), one audit-event hash (every write).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "audit/audit_event.h"
#include "crypto/crypto.h"
#include "crypto/keyring.h"
#include "crypto/password.h"

namespace {

using strada::crypto::FieldSealer;
using strada::crypto::SecretKey;

void requireSodium() {
  if (!strada::crypto::initialise()) {
    std::fputs("crypto_bench: libsodium failed to start\n", stderr);
    std::exit(1);
  }
}

constexpr std::string_view kAad = "contacts.summary:0192f1c2a3b4c5d6e7f8091a2b3c4d5e";

void BM_Seal(benchmark::State& state) {
  requireSodium();
  const FieldSealer sealer(SecretKey::generate());
  const std::string text(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    std::string sealed = sealer.seal(text, kAad);
    benchmark::DoNotOptimize(sealed);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Seal)->Arg(200)->Arg(4096);

void BM_Open(benchmark::State& state) {
  requireSodium();
  const FieldSealer sealer(SecretKey::generate());
  const std::string text(static_cast<std::size_t>(state.range(0)), 'x');
  const std::string sealed = sealer.seal(text, kAad);
  for (auto _ : state) {
    auto opened = sealer.open(sealed, kAad);
    if (!opened) {
      state.SkipWithError("open failed");
      break;
    }
    benchmark::DoNotOptimize(opened);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Open)->Arg(200)->Arg(4096);

void BM_PasswordVerify(benchmark::State& state) {
  requireSodium();
  auto hash =
      strada::crypto::hashPassword("violet kettle harbour", strada::crypto::interactiveCost());
  if (!hash) {
    state.SkipWithError("hashing failed");
    return;
  }
  for (auto _ : state) {
    const bool ok = strada::crypto::verifyPassword(*hash, "violet kettle harbour");
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_PasswordVerify)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AuditHash(benchmark::State& state) {
  requireSodium();
  strada::audit::AuditEvent event;
  event.seq = 123456;
  event.at = 1'790'000'000'000;
  event.input = {"0192f1c2a3b4c5d6e7f8091a2b3c4d5e",
                 "0192f1c2a3b4c5d6e7f8091a2b3c4d5f",
                 "contact.read",
                 "contact",
                 "0192f1c2a3b4c5d6e7f8091a2b3c4d60",
                 "0192f1c2a3b4c5d6e7f8091a2b3c4d61"};
  event.prev_hash = std::string(64, 'a');
  for (auto _ : state) {
    std::string hash = strada::audit::computeHash(event);
    benchmark::DoNotOptimize(hash);
  }
}
BENCHMARK(BM_AuditHash);

}  // namespace

BENCHMARK_MAIN();
