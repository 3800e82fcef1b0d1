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

awaitable<http::Response> listContacts(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto filter = decodeListQuery(req);
  if (!filter) {
    co_return errorResponse(req, filter.error());
  }
  auto page = co_await hotline::listContacts(ctx.hotline(), actorOf(who, req.request_id),
                                             std::move(*filter));
  if (!page) {
    co_return errorResponse(req, page.error());
  }
  boost::json::array items;
  items.reserve(page->rows.size());
  for (const auto& c : page->rows) {
    items.emplace_back(encodeContact(c, false));
  }
  std::optional<std::string> next_cursor;
  if (page->more) {
    next_cursor = encodeContactCursor(page->rows.back());
  }
  co_return http::Response::json(200, keysetPageBody(std::move(items), std::move(next_cursor)));
}

awaitable<http::Response> exportContacts(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  auto params = decodeExportQuery(req);
  if (!params) {
    co_return errorResponse(req, params.error());
  }
  // Only the CSV text itself is ever held: the use case hands it the rows a page at a time.
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
  ApiContext& ctx = routes.context();
  const auto bind = [&ctx](auto handler) {
    return [&ctx, handler](http::Request& req, const policy::Principal& who) {
      return handler(ctx, req, who);
    };
  };
  routes.route("GET", "/api/v1/contacts", policy::Permission::kContactList, bind(listContacts));
  routes.route("GET", "/api/v1/contacts/export.csv", policy::Permission::kContactExport,
               bind(exportContacts));
  registerSupervisionRoutes(routes);
  registerContactStatsRoutes(routes);
}

}  // namespace strada::api
