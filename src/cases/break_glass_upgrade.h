// The step in code of migration 0025 (migrations/0025_sealed_break_glass_reason.sql): a
// break-glass reason written in the clear before it is sealed. Run at start (app/data_dir.cpp:
// openData), before anything is served.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::cases {

// Seals every reason still in the clear under the "clients.v1" key (AAD
// "case_break_glass.reason:" + grant id) and empties the clear column, in batches of 500, one
// transaction each. Idempotent (a sealed reason is not read again) and safe on two servers at
// once: both write the same reason. The answer is the number of reasons sealed.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::int64_t>> sealClearBreakGlassReasons(
    hotline::Context ctx);

}  // namespace strada::cases
