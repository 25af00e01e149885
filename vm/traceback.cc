// CPython-format exception reports: "Traceback (most recent call last):", chaining messages, notes, and the
// boxed tree that exception groups print as.
#include "vm/traceback.h"

#include <fstream>
#include <unordered_set>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

constexpr int kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;

std::string source_line(const std::string& file, int lineno) {
  std::ifstream in(file);
  if (!in) return {};
  std::string line;
  for (int i = 1; std::getline(in, line); i++)
    if (i == lineno) {
      size_t a = line.find_first_not_of(" \t\f");
      size_t b = line.find_last_not_of(" \t\r\n\f");
      return a == std::string::npos ? std::string() : line.substr(a, b - a + 1);
    }
  return {};
}

std::string exception_only(Object* exc) {
  Type* t = type_of(exc);
  std::string name;
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    name = std::string(str_view(reinterpret_cast<HeapType*>(t)->ht_qualname));
    Object* mod = type_lookup(t, strs::module);
    if (mod && type_check(mod, &str_type)) {
      std::string m(str_view(mod));
      if (m != "builtins" && m != "__main__") name = m + "." + name;
    }
  } else {
    name = t->tp_name;
  }
  std::string msg;
  ORef s = steal(object_str(exc));
  if (!s) {
    error_clear();
    msg = "<exception str() failed>";
  } else {
    msg = str_view(s.get());
  }
  std::string out = msg.empty() ? name + "\n" : name + ": " + msg + "\n";
  Object* notes = nullptr;
  if (get_attr_optional(exc, strs::notes, &notes) > 0) {
    ORef nr = steal(notes);
    if (type_check(notes, &list_type) || type_check(notes, &tuple_type)) {
      ssize n = object_length(notes);
      for (ssize i = 0; i < n; i++) {
        ORef item = steal(sequence_get_index(notes, i));
        std::string line;
        if (item && object_str_utf8(item.get(), &line)) out += line + "\n";
        error_clear();
      }
    }
  }
  error_clear();
  return out;
}

std::string stack_lines(Object* tb) {
  std::string out;
  for (Object* t = tb; t; t = reinterpret_cast<TracebackObject*>(t)->tb_next) {
    auto* tbo = reinterpret_cast<TracebackObject*>(t);
    auto* fo = reinterpret_cast<FrameObject*>(tbo->tb_frame);
    CodeObject* co = as_code(fo->f_code);
    std::string file(str_view(co->filename));
    out += fmt::format("  File \"{}\", line {}, in {}\n", file, tbo->tb_lineno, str_view(co->name));
    std::string src = source_line(file, tbo->tb_lineno);
    if (!src.empty()) out += "    " + src + "\n";
  }
  return out;
}

// Mirrors the print context of CPython's traceback module: group depth decides the indent and the margin.
struct Printer {
  std::string out;
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
      if (e->traceback) {
        emit("Traceback (most recent call last):\n");
        emit(stack_lines(e->traceback));
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
    if (e->traceback) {
      emit("Exception Group Traceback (most recent call last):\n", toplevel ? '+' : '|');
      emit(stack_lines(e->traceback));
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

void print_unraisable(Object* exc, Object* obj) {
  std::string out;
  if (obj) {
    std::string r;
    if (!repr_utf8(obj, &r)) {
      error_clear();
      r = "<object repr() failed>";
    }
    out = "Exception ignored in: " + r + "\n";
  }
  Object* tb = as_exc(exc)->traceback;
  if (tb) out += "Traceback (most recent call last):\n" + stack_lines(tb);
  out += exception_only(exc);
  sys_write_stream(2, out.data(), out.size());
}

std::string format_exception(Object* exc) {
  Printer p;
  p.format(exc);
  return p.out;
}

}  // namespace pyvm
