// code_dump: compiles Python files with pyvm's compiler and prints their code objects, recursively, in the
// canonical text form that tools/compiler/compare_code.py produces from CPython 3.13 (one line per field).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/compiler/compile.h"
#include "vm/runtime.h"

using namespace pyvm;

static std::string hex(const char* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    s += d[c >> 4];
    s += d[c & 15];
  }
  return s;
}

static std::string canon(Object* o) {
  Type* t = type_of(o);
  if (o == none()) return "None";
  if (o == true_()) return "True";
  if (o == false_()) return "False";
  if (o == ellipsis()) return "Ellipsis";
  if (t == &int_type) {
    std::string s;
    if (!int_to_string(o, 10, &s)) {
      error_clear();
      return "i:?";
    }
    return "i:" + s;
  }
  if (t == &float_type) {
    double v = float_value(o);
    return "f:" + hex(reinterpret_cast<const char*>(&v), 8);
  }
  if (t == &complex_type) {
    Py_complex c = complex_value(o);
    return "c:" + hex(reinterpret_cast<const char*>(&c.real), 8) + hex(reinterpret_cast<const char*>(&c.imag), 8);
  }
  if (t == &str_type) {
    Object* b = str_encode(o, "utf-8", "surrogatepass");
    if (!b) {
      error_clear();
      return "s:?";
    }
    std::string r = "s:" + hex(bytes_data(b), size_t(bytes_size(b)));
    decref(b);
    return r;
  }
  if (t == &bytes_type) return "b:" + hex(bytes_data(o), size_t(bytes_size(o)));
  if (t == &tuple_type) {
    std::string r = "(";
    for (ssize i = 0; i < tuple_size(o); i++) {
      if (i) r += ",";
      r += canon(tuple_get(o, i));
    }
    return r + ")";
  }
  if (t == &frozenset_type) {
    std::vector<std::string> items;
    ssize pos = 0;
    Object* k;
    while (set_next(o, &pos, &k)) {
      items.push_back(canon(k));
      decref(k);
    }
    std::sort(items.begin(), items.end());
    std::string r = "F{";
    for (size_t i = 0; i < items.size(); i++) r += (i ? "," : "") + items[i];
    return r + "}";
  }
  if (t == &code_type) return "<code " + std::string(str_view(as_code(o)->qualname)) + ">";
  return "?";
}

static void dump_code(Object* o, std::string* out) {
  CodeObject* co = as_code(o);
  *out += "=== " + std::string(str_view(co->qualname)) + " " + std::to_string(co->firstlineno) + "\n";
  *out += "co_code " + hex(bytes_data(co->code), size_t(bytes_size(co->code))) + "\n";
  *out += "co_consts " + canon(co->consts) + "\n";
  *out += "co_names " + canon(co->names) + "\n";
  *out += "co_localsplusnames " + canon(co->localsplusnames) + "\n";
  *out += "co_exceptiontable " + hex(bytes_data(co->exceptiontable), size_t(bytes_size(co->exceptiontable))) + "\n";
  *out += "co_stacksize " + std::to_string(co->stacksize) + "\n";
  *out += "co_flags " + std::to_string(co->flags) + "\n";
  *out += "co_linetable " + hex(bytes_data(co->linetable), size_t(bytes_size(co->linetable))) + "\n";
  for (ssize i = 0; i < tuple_size(co->consts); i++)
    if (type_of(tuple_get(co->consts, i)) == &code_type) dump_code(tuple_get(co->consts, i), out);
}

static bool read_file(const char* path, std::string* out) {
  FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

int main(int argc, char** argv) {
  if (runtime_init() < 0) return 2;
  bool separator = false;
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "--separator") == 0) {
      separator = true;
      continue;
    }
    std::string src;
    if (!read_file(argv[i], &src)) {
      std::fprintf(stderr, "code_dump: cannot read %s\n", argv[i]);
      return 2;
    }
    if (separator) std::printf("\x1e=== %s\n", argv[i]);
    Object* fn = str_from_utf8(argv[i]);
    Object* co = compile_source(src.data(), src.size(), fn, kCompileExec, 0, 0);
    if (!co) {
      Object* exc = error_peek();
      std::string msg = "?";
      if (exc) {
        Object* r = object_repr(exc);
        if (r) {
          msg = std::string(str_view(r));
          decref(r);
        }
      }
      error_clear();
      std::printf("ERROR %s\n", msg.c_str());
      status = 1;
    } else {
      std::string out;
      dump_code(co, &out);
      std::fwrite(out.data(), 1, out.size(), stdout);
      decref(co);
    }
    decref(fn);
    std::fflush(stdout);
  }
  return status;
}
