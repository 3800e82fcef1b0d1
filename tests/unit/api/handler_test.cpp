// The pieces every API handler is made of (api/handler.h, api/json_input.h), without a server.
#include "api/handler.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "api/json_input.h"
#include "domain/encoding.h"

namespace strada::api {
namespace {

struct Note {
  std::string title;
  std::string tag;
};

// A decoder of the shape versionedChange<> and bodyOf<> take.
domain::Result<Note> decodeNote(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  Note note;
  in.required("title", note.title);
  in.optional("tag", note.tag);
  if (version != nullptr) {
    in.integer("version", *version, 1, 1000);
  }
  return in.finish(std::move(note));
}

http::Request requestWith(std::string body) {
  http::Request req;
  req.body = std::move(body);
  req.params["id"] = "n1";
  return req;
}

TEST(JsonFields, ReadsMembersAndNamesTheFirstErrorOnly) {
  EXPECT_EQ(decodeNote(R"({"title":"a","tag":"b"})", nullptr)->tag, "b");
  auto both_wrong = decodeNote(R"({"title":1,"tag":2})", nullptr);
  ASSERT_FALSE(both_wrong);
  EXPECT_EQ(both_wrong.error().field, "title");
  auto unknown = decodeNote(R"({"title":"a","colour":"red"})", nullptr);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "colour");
  auto not_json = decodeNote("{", nullptr);
  ASSERT_FALSE(not_json);
  EXPECT_EQ(not_json.error().field, "");
  // An unknown member is named only when every member read was right.
  auto wrong_and_unknown = decodeNote(R"({"colour":"red","title":false})", nullptr);
  ASSERT_FALSE(wrong_and_unknown);
  EXPECT_EQ(wrong_and_unknown.error().field, "title");
}

// The same body as two arguments of a use case.
Arguments<std::string, std::string> decodeTitleAndTag(std::string_view body,
                                                      std::int32_t* version) {
  return decodeNote(body, version).map([](Note&& n) {
    return std::tuple(std::move(n.title), std::move(n.tag));
  });
}

struct Referral {
  std::string client;
  std::string source;
  std::vector<std::string> tags;
  std::vector<std::string> document_kinds;
  std::int32_t version = 0;
};

domain::Result<Referral> decodeReferral(std::string_view body) {
  JsonFields in(body);
  Referral r;
  in.required("client", r.client, 5);
  JsonFields referral = in.object("referral", true);
  referral.required("source", r.source);
  referral.list("tags", r.tags, 2, 3);
  for (JsonFields& document : referral.objects("documents", 2)) {
    document.required("kind", r.document_kinds.emplace_back());
  }
  in.version(r.version);
  return in.finish(std::move(r));
}

std::string fieldOf(std::string_view body) {
  auto decoded = decodeReferral(body);
  return decoded ? "(none)" : decoded.error().field;
}

TEST(JsonFields, NamesANestedMemberByItsPath) {
  auto read = decodeReferral(
      R"({"client":"ab","referral":{"source":"x","tags":["a"],"documents":[{"kind":"id"}]},)"
      R"("version":2})");
  ASSERT_TRUE(read) << read.error().field;
  EXPECT_EQ(read->source, "x");
  EXPECT_EQ(read->document_kinds, std::vector<std::string>{"id"});
  EXPECT_EQ(read->version, 2);
  EXPECT_EQ(fieldOf(R"({"client":"ab","version":1})"), "referral");
  EXPECT_EQ(fieldOf(R"({"client":"ab","referral":{},"version":1})"), "referral.source");
  EXPECT_EQ(fieldOf(R"({"client":"ab","referral":{"source":"x","tags":["abcd"]},"version":1})"),
            "referral.tags[0]");
  EXPECT_EQ(fieldOf(R"({"client":"ab","referral":{"source":"x","documents":[{}]},"version":1})"),
            "referral.documents[0].kind");
  EXPECT_EQ(fieldOf(R"({"client":"ab","referral":{"source":"x","documents":[1]},"version":1})"),
            "referral.documents[0]");
  // An unknown member is named by its path, at any depth, once every read was right.
  EXPECT_EQ(fieldOf(R"({"client":"ab","referral":{"source":"x","colour":1},"version":1})"),
            "referral.colour");
  EXPECT_EQ(fieldOf(R"({"client":"ab","referral":{"source":"x","documents":[{"kind":"a","n":1}]},)"
                    R"("version":1})"),
            "referral.documents[0].n");
  // Text longer than allowed (in characters, not bytes), and a missing version.
  EXPECT_EQ(fieldOf(R"({"client":"abcdef","referral":{"source":"x"},"version":1})"), "client");
  EXPECT_TRUE(decodeReferral(R"({"client":"ééééé","referral":{"source":"x"},"version":1})"));
  auto no_version = decodeReferral(R"({"client":"ab","referral":{"source":"x"}})");
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  EXPECT_EQ(no_version.error().message, "Send the version you started from.");
}

TEST(HandlerDecoders, GiveTheUseCaseItsArgumentsInOrder) {
  const auto req = requestWith(R"({"title":"a","version":3})");
  auto change = versionedChange<decodeNote>(req);
  ASSERT_TRUE(change);
  EXPECT_EQ(std::get<0>(*change), "n1");
  EXPECT_EQ(std::get<1>(*change).title, "a");
  EXPECT_EQ(std::get<2>(*change), 3);
  auto missing_version = versionedChange<decodeNote>(requestWith(R"({"title":"a"})"));
  ASSERT_FALSE(missing_version);
  EXPECT_EQ(missing_version.error().field, "version");
  auto with_id = idAndBody<decodeNote>(requestWith(R"({"title":"b"})"));
  ASSERT_TRUE(with_id);
  EXPECT_EQ(std::get<0>(*with_id), "n1");
  EXPECT_EQ(std::get<1>(*with_id).title, "b");
  EXPECT_FALSE(bodyOf<decodeNote>(requestWith(R"({"title":"a","version":3})")));
  EXPECT_EQ(*idParam(req), "n1");
  // A decoder of a tuple gives its members as arguments.
  auto flattened =
      versionedChange<decodeTitleAndTag>(requestWith(R"({"title":"a","tag":"b","version":3})"));
  ASSERT_TRUE(flattened);
  EXPECT_EQ(*flattened, std::tuple(std::string("n1"), std::string("a"), std::string("b"), 3));
}

// DELETE path/{id}?version=N (news, pages, trainings): the id and the version, or the field.
TEST(HandlerDecoders, IdAndVersionQueryNeedsAPositiveVersionAndNothingElse) {
  const auto with = [](std::vector<std::pair<std::string, std::string>> query) {
    http::Request req = requestWith("");
    req.query = std::move(query);
    return idAndVersionQuery(req);
  };
  EXPECT_EQ(*with({{"version", "7"}}), std::tuple(std::string("n1"), 7));
  for (const auto& bad : {std::vector<std::pair<std::string, std::string>>{},
                          {{"version", "0"}},
                          {{"version", "-1"}},
                          {{"version", "seven"}}}) {
    auto refused = with(bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "version");
    EXPECT_EQ(refused.error().message, "Send the version you started from.");
  }
  auto other = with({{"version", "1"}, {"force", "1"}});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().field, "force");
}

TEST(HandlerDecoders, NoParamsNamesTheFirstParameter) {
  http::Request req;
  EXPECT_TRUE(noParams(req));
  req.query = {{"limit", "5"}, {"x", "1"}};
  auto refused = noParams(req);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "limit");
  EXPECT_EQ(refused.error().code, domain::ErrorCode::kInvalidArgument);
}

TEST(Respond, AnswersTheErrorTheEncodingOrNoContent) {
  const http::Request req;
  const auto encode = [](const Note& n) { return boost::json::object{{"title", n.title}}; };
  const auto ok = respond(req, domain::Result<Note>(Note{"a", ""}), encode);
  EXPECT_EQ(ok.status, 200U);
  EXPECT_EQ(boost::json::parse(ok.body).as_object().at("title"), "a");
  const domain::Result<Note> missing = domain::fail(domain::ErrorCode::kNotFound, "No such note.");
  EXPECT_EQ(respond(req, missing, encode).status, 404U);
  EXPECT_EQ(respond(req, domain::Status{}).status, 204U);
  const auto made = respond(req, domain::Result<Note>(Note{"a", ""}),
                            [&](const Note& n) { return created(encode(n), "/notes/1"); });
  EXPECT_EQ(made.status, 201U);
  ASSERT_EQ(made.headers.size(), 1U);
  EXPECT_EQ(made.headers[0].first, "Location");
  EXPECT_EQ(made.headers[0].second, "/notes/1");
}

TEST(EncodeEach, KeepsTheOrder) {
  const std::vector<int> numbers{3, 1, 2};
  EXPECT_EQ(itemsBody(numbers, [](int n) { return n * 2; }),
            boost::json::parse(R"({"items":[6,2,4]})"));
}

// An unknown member's or parameter's name is the client's own text: the error names it capped at
// 64 bytes without cutting a character, and as UTF-8 even when the query's key is not (found by
// fuzz/json_input_fuzz.cpp and fuzz/list_query_fuzz.cpp: the error's JSON body must be UTF-8).
TEST(JsonFields, NamesAnUnknownMemberAsCappedUtf8) {
  std::string key = "a";
  for (int i = 0; i < 40; ++i) {
    key += "\xC3\xA9";  // é: 2 bytes, so byte 64 falls inside one
  }
  auto input = JsonInput::parse("{\"" + key + "\":1}");
  ASSERT_TRUE(input);
  auto unknown = input->rejectUnknownFields();
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, key.substr(0, 63));
  EXPECT_TRUE(domain::isValidUtf8(unknown.error().field));

  auto param = unknownParam("\xFF\xFEkey");
  EXPECT_EQ(param.value().field, "\xEF\xBF\xBD\xEF\xBF\xBDkey");
  EXPECT_EQ(unknownParam(std::string(100, 'k')).value().field, std::string(64, 'k'));
}

}  // namespace
}  // namespace strada::api
