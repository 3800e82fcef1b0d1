// libFuzzer target for the generic JSON body reader (api/json_input.h: JsonFields and JsonInput),
// driven the way a route's decoder drives it: required and optional strings with length limits,
// booleans, integers in a range, a version, RFC 3339 times, a nested object, a list of objects,
// a list of strings, a decoder's own refusal, and finish(). Build and run: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/json_input.h"
#include "domain/encoding.h"
#include "domain/error.h"
#include "domain/time.h"

namespace {

// What a route's decoder makes of a body (the shape of a case referral, say).
struct Decoded {
  std::string title;
  std::string country = "NL";
  std::optional<std::string> note;
  bool urgent = false;
  std::vector<std::string> tags;
  std::int32_t count = 0;
  std::int32_t version = 0;
  std::optional<strada::domain::UnixMillis> at;
  std::optional<strada::domain::UnixMillis> until;
  std::string source_type;
  std::string source_name;
  std::vector<std::string> phones;
  std::vector<std::string> document_kinds;
};

// An error names a field (at most a short path, never a long input) and says what to do.
void checkError(const strada::domain::Error& error) {
  if (error.code != strada::domain::ErrorCode::kInvalidArgument || error.message.empty() ||
      error.field.size() > 128 || !strada::domain::isValidUtf8(error.field)) {
    __builtin_trap();
  }
}

void decodeWithFields(std::string_view body) {
  using strada::api::JsonFields;
  Decoded d;
  JsonFields in(body);
  in.required("title", d.title, 200);
  in.optional("country", d.country, 2);
  in.optional("note", d.note);
  in.optional("urgent", d.urgent);
  in.list("tags", d.tags, 10, 40);
  in.integer("count", d.count, 0, 1000, false);
  in.version(d.version);
  in.time("at", d.at, true);
  in.time("until", d.until, false);
  if (in.ok() && d.until && d.at && *d.until < *d.at) {
    in.refuse(strada::domain::Error{strada::domain::ErrorCode::kInvalidArgument,
                                    "The end comes after the start.", "until", ""});
  }
  JsonFields referral = in.object("referral", false);
  referral.required("source_type", d.source_type, 64);
  referral.optional("source_name", d.source_name, 200);
  JsonFields person = in.object("person", false);
  person.list("phones", d.phones, 5, 32);
  for (JsonFields& doc : person.objects("id_documents", 8)) {
    std::string kind;
    doc.required("kind", kind, 32);
    std::optional<strada::domain::UnixMillis> expires;
    doc.time("expires", expires, false);
    d.document_kinds.push_back(std::move(kind));
  }
  auto done = in.finish(std::move(d));
  if (!done) {
    checkError(done.error());
  } else if (done->title.size() > std::size_t{4} * 200 || done->tags.size() > 10 ||
             done->count < 0 || done->count > 1000 || done->version < 1 || !done->at) {
    __builtin_trap();  // a limit the decoder asked for was not kept
  }
}

// JsonInput directly: the accessors a hand-written decoder uses (the telephony event's, say).
void decodeWithInput(std::string_view body) {
  using strada::api::JsonInput;
  auto in = JsonInput::parse(body);
  if (!in) {
    checkError(in.error());
    return;
  }
  (void)in->has("id");
  if (auto s = in->requiredString("event"); !s) {
    checkError(s.error());
  }
  if (auto n = in->requiredInteger("n", -5, 5); n && (*n < -5 || *n > 5)) {
    __builtin_trap();
  }
  (void)in->optionalBool("flag", true);
  if (auto list = in->optionalStringArray("names", 3); list && list->size() > 3) {
    __builtin_trap();
  }
  if (auto object = in->optionalObject("inner"); object && object->has_value()) {
    (void)(*object)->optionalString("name");
    (void)(*object)->requiredInteger("v", 0, 1);
    (void)(*object)->rejectUnknownFields();
  }
  if (auto objects = in->optionalObjects("items", 4); objects) {
    if (objects->size() > 4) {
      __builtin_trap();
    }
    for (auto& item : *objects) {
      (void)item.requiredString("code");
      (void)item.rejectUnknownFields();
    }
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    checkError(unknown.error());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  decodeWithFields(body);
  decodeWithInput(body);
  return 0;
}
