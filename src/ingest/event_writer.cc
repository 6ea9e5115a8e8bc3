#include "ingest/event_writer.h"

#include <fmt/format.h>

#include <string>

namespace learnloop::ingest {
namespace {

bool NeedsQuotes(std::string_view field) {
  if (field.empty()) return false;
  if (field.front() == ' ' || field.back() == ' ' || field.front() == '\t' || field.back() == '\t') return true;
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

void AppendCsvField(std::string_view field, std::string& out) {
  if (!NeedsQuotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

class StreamWriter : public EventWriter {
 public:
  explicit StreamWriter(std::ostream& out) : out_(out) {}

  Status Finish() override {
    Flush();
    out_.flush();
    if (!out_) return IoError("could not write the output (disk full or closed pipe?)");
    return Status::Ok();
  }

 protected:
  // Buffers rows so the stream sees large writes.
  Status Emit() {
    if (buffer_.size() >= (1 << 16)) Flush();
    if (!out_) return IoError("could not write the output (disk full or closed pipe?)");
    return Status::Ok();
  }
  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  std::ostream& out_;
  std::string buffer_;
};

class CsvWriter : public StreamWriter {
 public:
  explicit CsvWriter(std::ostream& out) : StreamWriter(out) { buffer_ = "ts,channel,person,kind,content,value,tags\n"; }

  Status Write(const EventView& e) override {
    buffer_ += FormatRfc3339(e.ts);
    for (std::string_view field : {e.channel, e.person, e.kind, e.content}) {
      buffer_.push_back(',');
      AppendCsvField(field, buffer_);
    }
    buffer_.push_back(',');
    if (e.value) buffer_ += FormatValue(*e.value);
    buffer_.push_back(',');
    AppendCsvField(e.tags, buffer_);
    buffer_.push_back('\n');
    return Emit();
  }
};

class JsonlWriter : public StreamWriter {
 public:
  using StreamWriter::StreamWriter;

  Status Write(const EventView& e) override {
    buffer_ += "{\"ts\":\"";
    buffer_ += FormatRfc3339(e.ts);
    buffer_ += "\",\"channel\":";
    AppendJsonString(e.channel, buffer_);
    buffer_ += ",\"person\":";
    AppendJsonString(e.person, buffer_);
    buffer_ += ",\"kind\":";
    AppendJsonString(e.kind, buffer_);
    buffer_ += ",\"content\":";
    AppendJsonString(e.content, buffer_);
    buffer_ += ",\"value\":";
    buffer_ += e.value ? FormatValue(*e.value) : std::string("null");
    buffer_ += ",\"tags\":";
    AppendJsonString(e.tags, buffer_);
    buffer_ += "}\n";
    return Emit();
  }
};

}  // namespace

std::unique_ptr<EventWriter> MakeEventWriter(EventFormat format, std::ostream& out) {
  if (format == EventFormat::kJsonl) return std::make_unique<JsonlWriter>(out);
  return std::make_unique<CsvWriter>(out);
}

void AppendJsonString(std::string_view text, std::string& out) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace learnloop::ingest
