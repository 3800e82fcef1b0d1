// What the contact and the case statistics routes share (contact_stats.cpp): the period query
// and the JSON of a count and of a breakdown.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <vector>

#include "domain/error.h"
#include "hotline/contact_stats.h"
#include "http/message.h"

namespace strada::api {

// `from`, `to` (YYYY-MM-DD) and `granularity` (`fallback` when absent); 400 naming any other
// parameter or a bad value.
[[nodiscard]] domain::Result<hotline::StatsQuery> decodeStatsQuery(const http::Request& req,
                                                                   hotline::Granularity fallback);
// A count, or null when suppressed.
[[nodiscard]] boost::json::value countValue(const hotline::StatsCount& count);
// [{"code", "n"} ...], a suppressed cell with "n": null and "suppressed": true.
[[nodiscard]] boost::json::array encodeCodeCounts(
    const std::vector<hotline::StatsCodeCount>& cells);

}  // namespace strada::api
