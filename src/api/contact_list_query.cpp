#include "api/contact_list_query.h"

#include <algorithm>
#include <map>
#include <utility>

#include "api/keyset.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "domain/time.h"

namespace strada::api {
namespace {

using domain::Result;

Result<store::ContactCursor> decodeContactCursor(std::string_view text) {
  auto raw = decodeCursorKey(text);
  if (!raw) {
    return tl::unexpected(raw.error());
  }
  const auto colon = raw->find(':');
  if (colon == std::string::npos || colon == 0 ||
      !domain::isIdShaped(std::string_view(*raw).substr(colon + 1))) {
    return invalidCursor();
  }
  store::ContactCursor cursor;
  if (!parseWhole(std::string_view(*raw).substr(0, colon), cursor.started_at)) {
    return invalidCursor();
  }
  cursor.id = raw->substr(colon + 1);
  return cursor;
}

// A code filter: the parameter's code list and the filter field it sets.
using CodeParam = std::pair<std::string_view, std::string store::ContactFilter::*>;

const std::map<std::string, CodeParam, std::less<>>& codeParams() {
  static const std::map<std::string, CodeParam, std::less<>> kParams = {
      {"channel", {"channel", &store::ContactFilter::channel}},
      {"kind", {"contact_kind", &store::ContactFilter::kind}},
      {"category", {"category", &store::ContactFilter::category}},
      {"caller_type", {"caller_type", &store::ContactFilter::caller_type}},
      {"caller_country", {"country", &store::ContactFilter::caller_country}},
      {"destination_country", {"country", &store::ContactFilter::destination_country}},
      {"exploitation", {"exploitation", &store::ContactFilter::exploitation}},
      {"outcome", {"outcome", &store::ContactFilter::outcome}},
  };
  return kParams;
}

Result<store::FollowUpFilter> followUpParam(const std::string& value) {
  static const std::map<std::string, store::FollowUpFilter, std::less<>> kKinds = {
      {"due", store::FollowUpFilter::kDue},
      {"overdue", store::FollowUpFilter::kOverdue},
      {"open", store::FollowUpFilter::kOpen},
      {"none", store::FollowUpFilter::kNone}};
  auto it = kKinds.find(value);
  if (it == kKinds.end()) {
    return domain::invalidField("follow_up", "Use due, overdue, open or none.");
  }
  return it->second;
}

// The filter parameters every contact list and the export share. Returns false when `key` is not
// one of them.
Result<bool> applyFilterParam(const std::string& key, const std::string& value,
                              store::ContactFilter& f) {
  if (auto it = codeParams().find(key); it != codeParams().end()) {
    const domain::CodeList* codes = domain::findCodeList(it->second.first);
    if (codes == nullptr || !codes->contains(value)) {
      return domain::invalidField(key, "This is not a known code. Pick one from the list.");
    }
    f.*(it->second.second) = value;
  } else if (key == "from" || key == "to") {
    auto t = domain::parseRfc3339(value, key);
    if (!t) {
      return tl::unexpected(t.error());
    }
    (key == "from" ? f.from : f.to) = *t;
  } else if (key == "status") {
    if (value != "any" && value != domain::kStatusDraft && value != domain::kStatusFinal) {
      return domain::invalidField("status", "Use draft, final or any.");
    }
    f.status = value == "any" ? std::string() : value;
  } else if (key == "consultant") {
    if (!domain::isIdShaped(value)) {
      return domain::invalidField("consultant", "This is not a user id.");
    }
    f.consultant = value;
  } else if (key == "follow_up") {
    auto kind = followUpParam(value);
    if (!kind) {
      return tl::unexpected(kind.error());
    }
    f.follow_up = *kind;
  } else if (key == "imminent_danger") {
    if (value != "true" && value != "false") {
      return domain::invalidField("imminent_danger", "Use true or false.");
    }
    f.imminent_danger = value == "true";
  } else {
    return false;
  }
  return true;
}

domain::Status checkPeriod(const store::ContactFilter& f) {
  if (f.from && f.to && *f.from >= *f.to) {
    return domain::invalidField("to", "The end of the period must come after its start.");
  }
  return {};
}

// The export's own parameters beside the filters; any other `key` is unknownParam.
domain::Status applyExportParam(const std::string& key, const std::string& value, ExportParams& p) {
  if (key == "lang") {
    p.language = value.substr(0, 8);
    if (p.language.empty()) {
      return domain::invalidField("lang", "Use en, nl or ro.");
    }
  } else if (key == "tz") {
    p.time_zone = value.substr(0, 128);
    if (p.time_zone.empty()) {
      return domain::invalidField("tz", "Use a time zone name such as Europe/Amsterdam.");
    }
  } else if (key == "tz_offset_minutes") {
    std::int32_t offset = 0;
    if (!parseWhole(value, offset)) {
      return domain::invalidField("tz_offset_minutes",
                                  "Use an offset between -840 and 840 minutes.");
    }
    p.utc_offset_minutes = offset;
  } else {
    return unknownParam(key);
  }
  return {};
}

// Applies every query parameter: a filter shared by the lists and the export (applyFilterParam),
// else one of the route's own (`apply_own(key, value)`); then checks the period.
template <class ApplyOwn>
domain::Status applyListQuery(const http::Request& req, store::ContactFilter& f,
                              const ApplyOwn& apply_own) {
  for (const auto& [key, value] : req.query) {
    auto known = applyFilterParam(key, value, f);
    if (!known) {
      return tl::unexpected(known.error());
    }
    if (!*known) {
      if (auto s = apply_own(key, value); !s) {
        return s;
      }
    }
  }
  return checkPeriod(f);
}

}  // namespace

std::string encodeContactCursor(const domain::Contact& last) {
  return encodeCursorKey(std::to_string(last.data.started_at) + ":" + last.id);
}

Result<store::ContactFilter> decodeListQuery(const http::Request& req) {
  store::ContactFilter f;
  f.limit = kDefaultPageSize;
  f.status.clear();
  const auto apply_page = [&f](const std::string& key, const std::string& value) {
    return applyPageParam(key, value, f.limit, f.after, decodeContactCursor);
  };
  if (auto s = applyListQuery(req, f, apply_page); !s) {
    return tl::unexpected(s.error());
  }
  return f;
}

Result<ExportParams> decodeExportQuery(const http::Request& req) {
  ExportParams p;
  const auto apply_export = [&p](const std::string& key, const std::string& value) {
    return applyExportParam(key, value, p);
  };
  if (auto s = applyListQuery(req, p.filter, apply_export); !s) {
    return tl::unexpected(s.error());
  }
  return p;
}

domain::Status onlyParams(const http::Request& req, std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : req.query) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return unknownParam(key);
    }
  }
  return {};
}

Result<std::optional<std::int32_t>> optionalWholeParam(const http::Request& req,
                                                       std::string_view key, const char* message) {
  auto v = req.queryParam(key);
  if (!v) {
    return std::optional<std::int32_t>();
  }
  std::int32_t n = 0;
  if (!parseWhole(*v, n)) {
    return domain::invalidField(std::string(key), message);
  }
  return std::optional<std::int32_t>(n);
}

}  // namespace strada::api
