// The contact list with its filters and the CSV export: each route decodes, calls its use case in
// hotline/contact_lists.h, and encodes. The supervisor's views: supervision.cpp; the statistics:
// contact_stats.cpp.
//
// Coded fields only: nothing here opens a sealed column, so a list or an export can never carry a
// summary, a caller identifier or a safety plan.
#include "hotline/contact_lists.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/contact_csv.h"
#include "api/contact_list_query.h"
#include "api/contact_list_routes.h"
#include "api/encode.h"
#include "api/keyset.h"
#include "api/routes.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;

// A page of the list: {"items": [contact...], "next_cursor"}.
boost::json::object encodeContactPage(const hotline::ContactListPage& page) {
  const auto encode_row = [](const domain::Contact& c) { return encodeContact(c, false); };
  return keysetPageBody(page.rows, page.more, encode_row, encodeContactCursor);
}

// Written by hand: only the CSV text itself is ever held, the use case handing it the rows a page
// at a time.
awaitable<http::Response> exportContacts(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  auto params = decodeExportQuery(req);
  if (!params) {
    co_return errorResponse(req, params.error());
  }
  std::string csv;
  appendContactCsvHeader(csv);
  hotline::ExportPageSink sink = [&csv](const hotline::ExportSetting& setting,
                                        const std::vector<domain::Contact>& page) {
    appendContactCsvRows(csv, setting, page);
  };
  hotline::ExportQuery query{std::move(params->filter), std::move(params->language),
                             std::move(params->time_zone), params->utc_offset_minutes};
  auto rows = co_await hotline::exportContacts(ctx.hotline(), actorOf(who, req.request_id),
                                               std::move(query), std::move(sink));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  auto response = http::Response::text(200, "text/csv; charset=utf-8", std::move(csv));
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"strada-contacts.csv\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Strada-Rows", std::to_string(*rows));
  co_return response;
}

}  // namespace

void registerContactListRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/contacts", Permission::kContactList, decodeListQuery,
               hotline::listContacts, encodeContactPage);
  routes.route("GET", "/api/v1/contacts/export.csv", Permission::kContactExport, exportContacts);
  registerSupervisionRoutes(routes);
  registerContactStatsRoutes(routes);
}

}  // namespace strada::api
