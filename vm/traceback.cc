// CPython-format exception reports: "Traceback (most recent call last):", chaining messages, notes, and the
// boxed tree that exception groups print as.
#include "vm/traceback.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/function.h"
#include "vm/sysmodule.h"
#include "vm/traceback_source.h"
#include "vm/traceback_suggest.h"

namespace pyvm {
namespace {

constexpr int kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;

// str(o), or CPython's "<what str() failed>" placeholder when that raises.
std::string safe_str(Object* o, const char* what) {
  std::string out;
  if (object_str_utf8(o, &out)) return out;
  error_clear();
  return fmt::format("<{} str() failed>", what);
}
std::string safe_repr(Object* o, const char* what) {
  std::string out;
  if (repr_utf8(o, &out)) return out;
  error_clear();
  return fmt::format("<{} repr() failed>", what);
}

// "ValueError", "mymodule.MyError", or "<unknown>.E" when a class's __module__ is not a str.
std::string type_display_name(Type* t) {
  if (!has_flag(t, Py_TPFLAGS_HEAPTYPE)) return t->tp_name;  // "Name" for builtins, else already "module.Name"
  std::string name(str_view(reinterpret_cast<HeapType*>(t)->ht_qualname));
  Object* mod = nullptr;
  if (t->tp_dict && dict_get(t->tp_dict, strs::module, &mod) < 0) error_clear();
  ORef mr = mod ? steal(mod) : ORef();
  if (!mod || !type_check(mod, &str_type)) return "<unknown>." + name;
  std::string m(str_view(mod));
  if (m == "builtins" || m == "__main__") return name;
  return m + "." + name;
}

// getattr(exc, name), or null (error cleared) when missing or failing.
Object* attr_or_null(Object* exc, const char* name) {
  ORef n = steal(str_from_utf8(name));
  Object* v = nullptr;
  if (!n || get_attr_optional(exc, n.get(), &v) < 0) error_clear();
  return v;
}

// A SyntaxError shows where it happened instead of its str(): the file and line, the source text with carets under
// offset..end_offset, then "Type: msg" (CPython's TracebackException._format_syntax_error).
std::string syntax_error_lines(Object* exc, const std::string& type_name) {
  std::string out;
  ORef filename = steal(attr_or_null(exc, "filename"));
  ORef lineno = steal(attr_or_null(exc, "lineno"));
  ORef end_lineno = steal(attr_or_null(exc, "end_lineno"));
  ORef text = steal(attr_or_null(exc, "text"));
  ORef offset = steal(attr_or_null(exc, "offset"));
  ORef end_offset = steal(attr_or_null(exc, "end_offset"));
  ORef msg = steal(attr_or_null(exc, "msg"));
  auto present = [](const ORef& o) { return o && o.get() != none(); };
  std::string lno = present(lineno) ? safe_str(lineno.get(), "lineno") : "";
  std::string end_lno = present(end_lineno) ? safe_str(end_lineno.get(), "end_lineno") : "";
  std::string suffix;
  if (present(lineno)) {
    int truthy = present(filename) ? object_is_true(filename.get()) : 0;
    if (truthy < 0) error_clear();
    out += fmt::format("  File \"{}\", line {}\n", truthy > 0 ? safe_str(filename.get(), "filename") : "<string>", lno);
  } else if (present(filename)) {
    suffix = " (" + safe_str(filename.get(), "filename") + ")";
  }
  if (text && type_check(text.get(), &str_type)) {
    std::string t(str_view(text.get()));
    std::string rtext = t.substr(0, t.find_last_not_of('\n') == std::string::npos ? 0 : t.find_last_not_of('\n') + 1);
    size_t lead = rtext.find_first_not_of(" \n\f");
    std::string ltext = lead == std::string::npos ? "" : rtext.substr(lead);
    // Offsets count code points; the source is UTF-8.
    auto cp_len = [](std::string_view v) {
      int64_t n = 0;
      for (unsigned char c : v) n += (c & 0xc0) != 0x80;
      return n;
    };
    int64_t rlen = cp_len(rtext), tlen = cp_len(t), spaces = rlen - cp_len(ltext);
    auto as_int = [](const ORef& o, int64_t* v) {
      if (!o || !type_check(o.get(), &int_type)) return false;
      int ovf = 0;
      *v = int_as_i64(o.get(), &ovf);
      return !ovf;
    };
    int64_t off = 0;
    if (!present(offset)) {
      out += "    " + ltext + "\n";
    } else if (as_int(offset, &off)) {
      int64_t end_off = off;
      bool same_line = present(lineno) == present(end_lineno) && lno == end_lno;
      if (same_line) {
        int64_t e = 0;
        if (as_int(end_offset, &e) && e != 0) end_off = e;
      } else {
        end_off = rlen + 1;
      }
      if (tlen && off > tlen) off = rlen + 1;
      if (tlen && end_off > tlen) end_off = rlen + 1;
      if (off >= end_off || end_off < 0) end_off = off + 1;
      int64_t col = off - 1 - spaces, end_col = end_off - 1 - spaces;
      out += "    " + ltext + "\n";
      if (col >= 0) {
        // Whitespace such as tabs is kept under the carets so that they line up.
        std::string pad;
        int64_t i = 0;
        for (size_t p = 0; p < ltext.size() && i < col; i++) {
          unsigned char c = static_cast<unsigned char>(ltext[p]);
          size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
          pad += c && std::strchr(" \t\n\r\v\f\x1c\x1d\x1e\x1f", c) ? char(c) : ' ';
          p += len;
        }
        out += "    " + pad + std::string(size_t(std::max<int64_t>(end_col - col, 0)), '^') + "\n";
      }
    }
  }
  int has_msg = msg ? object_is_true(msg.get()) : 0;
  if (has_msg < 0) error_clear();
  std::string m = has_msg > 0 ? safe_str(msg.get(), "msg") : "<no detail available>";
  out += type_name + ": " + m + suffix + "\n";
  return out;
}

// The type name and str() of an exception as the unraisable-exception report prints them.
std::string exception_type_name(Object* exc) { return type_display_name(type_of(exc)); }
std::string exception_str(Object* exc) { return safe_str(exc, "exception"); }

// The last part of a report (CPython's TracebackException.format_exception_only): "Type: message" with any name
// suggestion, or a SyntaxError's location, then the notes.
std::string exception_only(Object* exc) {
  std::string name = type_display_name(type_of(exc));
  std::string out;
  if (type_check(exc, &exc_SyntaxError)) {
    out = syntax_error_lines(exc, name);
  } else {
    std::string msg = safe_str(exc, "exception") + exception_suggestion(exc, as_exc(exc)->traceback);
    out = msg.empty() ? name + "\n" : name + ": " + msg + "\n";
  }
  Object* notes = nullptr;
  int r = get_attr_optional(exc, strs::notes, &notes);
  if (r < 0) {
    ORef err = steal(error_take());
    out += "Ignored error getting __notes__: " + safe_repr(err.get(), "__notes__") + "\n";
  } else if (r > 0) {
    ORef nr = steal(notes);
    // A sequence (but not a str or bytes) lists one note per item; anything else is shown by its repr.
    bool seq = !type_check(notes, &str_type) && !type_check(notes, &bytes_type) &&
               !type_check(notes, &bytearray_type) && is_sequence(notes);
    if (seq) {
      ssize n = object_length(notes);
      if (n < 0) error_clear();
      for (ssize i = 0; i < n; i++) {
        ORef item = steal(sequence_get_index(notes, i));
        if (!item) {
          error_clear();
          break;
        }
        out += safe_str(item.get(), "note") + "\n";
      }
    } else if (notes != none()) {
      out += safe_repr(notes, "__notes__") + "\n";
    }
  }
  error_clear();
  return out;
}

// The frames of a traceback; runs of more than three identical frames (same file, line and function) are cut
// short with "[Previous line repeated N more times]", as CPython's StackSummary.format does.
std::string stack_lines(Object* tb, int64_t limit) {
  constexpr int kRecursiveCutoff = 3;
  // sys.tracebacklimit keeps the `limit` most recent entries.
  int64_t depth = 0;
  for (Object* t = tb; t; t = reinterpret_cast<TracebackObject*>(t)->tb_next) depth++;
  for (; depth > limit && tb; depth--) tb = reinterpret_cast<TracebackObject*>(tb)->tb_next;
  std::string out;
  std::string last_file, last_name;
  int last_line = -1;
  int count = 0;
  auto flush_repeats = [&] {
    if (count > kRecursiveCutoff) {
      int more = count - kRecursiveCutoff;
      out += fmt::format("  [Previous line repeated {} more time{}]\n", more, more > 1 ? "s" : "");
    }
  };
  for (Object* t = tb; t; t = reinterpret_cast<TracebackObject*>(t)->tb_next) {
    auto* tbo = reinterpret_cast<TracebackObject*>(t);
    auto* fo = reinterpret_cast<FrameObject*>(tbo->tb_frame);
    CodeObject* co = as_code(fo->code);
    std::string file(str_view(co->filename));
    std::string name(str_view(co->name));
    int line, end_line, col, end_col;
    if (!code_addr_to_location(co, tbo->tb_lasti / 2, &line, &end_line, &col, &end_col)) {
      line = tbo->tb_lineno;
      end_line = col = end_col = -1;
    }
    if (file != last_file || line != last_line || name != last_name) {
      flush_repeats();
      last_file = file;
      last_line = line;
      last_name = name;
      count = 0;
    }
    if (++count > kRecursiveCutoff) continue;
    out += fmt::format("  File \"{}\", line {}, in {}\n", file, line, name);
    out += traceback_source_block(file, line, end_line, col, end_col, co);
  }
  flush_repeats();
  return out;
}

// sys.tracebacklimit as CPython's PyTraceBack_Print reads it: an int caps the number of entries (0 or less prints
// no traceback at all, not even its header); anything else means no limit.
int64_t traceback_limit() {
  Object* v = sys_get("tracebacklimit");
  if (!v || !type_check(v, &int_type)) return INT64_MAX;
  int ovf = 0;
  int64_t n = int_as_i64(v, &ovf);
  if (ovf) return ovf > 0 ? INT64_MAX : 0;
  return n;
}

// Mirrors the print context of CPython's traceback module: group depth decides the indent and the margin.
struct Printer {
  std::string out;
  int64_t limit = traceback_limit();
  int depth = 0;
  bool need_close = false;
  std::unordered_set<Object*> seen;

  std::string indent() const { return std::string(size_t(2 * depth), ' '); }
  void emit(const std::string& text, char margin = '|') {
    std::string prefix = indent();
    if (depth) prefix += std::string(1, margin) + " ";
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      size_t end = nl == std::string::npos ? text.size() : nl + 1;
      out += prefix + text.substr(pos, end - pos);
      pos = end;
    }
  }

  void format(Object* exc) {
    seen.insert(exc);
    ExceptionObject* e = as_exc(exc);
    Object* cause = e->cause;
    Object* context = e->context;
    if (cause && !seen.count(cause)) {
      format(cause);
      emit("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if (context && !e->suppress_context && !seen.count(context)) {
      format(context);
      emit("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    if (!is_exception_group(exc)) {
      if (e->traceback && limit > 0) {
        emit("Traceback (most recent call last):\n");
        emit(stack_lines(e->traceback, limit));
      }
      emit(exception_only(exc));
      return;
    }
    if (depth > kMaxGroupDepth) {
      emit(fmt::format("... (max_group_depth is {})\n", kMaxGroupDepth));
      return;
    }
    bool toplevel = depth == 0;
    if (toplevel) depth++;
    if (e->traceback && limit > 0) {
      emit("Exception Group Traceback (most recent call last):\n", toplevel ? '+' : '|');
      emit(stack_lines(e->traceback, limit));
    }
    emit(exception_only(exc));
    Object* excs = reinterpret_cast<ExceptionGroupObject*>(exc)->excs;
    int num = int(tuple_size(excs));
    int n = num <= kMaxGroupWidth ? num : kMaxGroupWidth + 1;
    need_close = false;
    for (int i = 0; i < n; i++) {
      bool last = i == n - 1;
      if (last) need_close = true;
      bool truncated = i >= kMaxGroupWidth;
      std::string title = truncated ? "..." : std::to_string(i + 1);
      out += indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title + " ----------------\n";
      depth++;
      if (!truncated) {
        format(tuple_get(excs, i));
      } else {
        int rest = num - kMaxGroupWidth;
        emit(fmt::format("and {} more exception{}\n", rest, rest > 1 ? "s" : ""));
      }
      if (last && need_close) {
        out += indent() + "+------------------------------------\n";
        need_close = false;
      }
      depth--;
    }
    if (toplevel) depth = 0;
  }
};

}  // namespace

std::string format_exception(Object* exc) {
  Printer p;
  p.format(exc);
  return p.out;
}

// CPython's default sys.unraisablehook output: "Exception ignored in: <repr(obj)>" (no header without obj), the
// C-level traceback (source lines, no carets, no chained exceptions), then "Type: message" (the colon even when
// the message is empty).
std::string format_unraisable(Object* exc, Object* obj, const char* msg) {
  std::string out;
  if (msg && obj) {
    std::string where;
    if (!repr_utf8(obj, &where)) {
      error_clear();
      where = "<object repr() failed>";
    }
    out = std::string(msg) + ": " + where + "\n";
  } else if (msg) {
    out = std::string(msg) + ":\n";
  } else if (obj) {
    std::string where;
    if (!repr_utf8(obj, &where)) {
      error_clear();
      where = "<object repr() failed>";
    }
    out = "Exception ignored in: " + where + "\n";
  }
  Object* tb = as_exc(exc)->traceback;
  if (tb) out += "Traceback (most recent call last):\n";
  for (Object* t = tb; t; t = reinterpret_cast<TracebackObject*>(t)->tb_next) {
    auto* tbo = reinterpret_cast<TracebackObject*>(t);
    CodeObject* co = as_code(reinterpret_cast<FrameObject*>(tbo->tb_frame)->code);
    std::string file(str_view(co->filename));
    out += fmt::format("  File \"{}\", line {}, in {}\n", file, tbo->tb_lineno, str_view(co->name));
    out += traceback_source_block(file, tbo->tb_lineno, tbo->tb_lineno, -1, -1);
  }
  out += exception_type_name(exc) + ": " + exception_str(exc) + "\n";
  return out;
}

void print_unraisable(Object* exc, Object* obj, const char* msg) {
  std::string out = format_unraisable(exc, obj, msg);
  sys_write_stream(2, out.data(), out.size());
}

}  // namespace pyvm
