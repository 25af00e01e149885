// The per-thread error indicator and the helpers that raise CPython's standard errors.
#include "objects/errors.h"

#include <atomic>
#include <cstdio>

#include "objects/abstract.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

// The current exception of this thread (an instance, or null). Only the owning thread touches it.
static thread_local Object* t_exc = nullptr;

void set_error_steal(Object* exc) {
  Object* old = t_exc;
  t_exc = exc;
  xdecref(old);
}

std::nullptr_t set_error(Type* type, std::string_view msg) {
  ORef s = steal(str_from_utf8(msg.data(), ssize(msg.size())));
  if (!s) return nullptr;  // the decode error is set instead
  return set_error_value(type, s.get());
}

std::nullptr_t set_error_value(Type* type, Object* value) {
  if (value && type_check(value, type)) {
    set_error_steal(newref(value));
    return nullptr;
  }
  ORef exc;
  if (!value) {
    exc = steal(call0(reinterpret_cast<Object*>(type)));
  } else if (type_check_exact(value, &tuple_type)) {
    exc = steal(call_tuple_dict(reinterpret_cast<Object*>(type), value, nullptr));
  } else {
    exc = steal(call1(reinterpret_cast<Object*>(type), value));
  }
  if (!exc) return nullptr;  // constructing it failed: that error is current
  if (!is_exception_instance(exc.get())) {
    set_errorf(&exc_TypeError, "calling {} should have returned an instance of BaseException, not {}",
               type->tp_name, type_name(exc.get()));
    return nullptr;
  }
  set_error_steal(exc.release());
  return nullptr;
}

std::nullptr_t set_error_object(Object* exc_or_type) {
  if (is_exception_class(exc_or_type)) return set_error_value(reinterpret_cast<Type*>(exc_or_type), nullptr);
  set_error_steal(newref(exc_or_type));
  return nullptr;
}

bool error_occurred() { return t_exc != nullptr; }
Object* error_peek() { return t_exc; }
Object* error_take() {
  Object* e = t_exc;
  t_exc = nullptr;
  return e;
}
void error_clear() { set_error_steal(nullptr); }
bool error_matches(Type* type) { return t_exc && type_check(t_exc, type); }

bool exception_matches(Object* exc, Object* type_or_tuple) {
  if (type_check(type_or_tuple, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(type_or_tuple); i++)
      if (exception_matches(exc, tuple_get(type_or_tuple, i))) return true;
    return false;
  }
  if (!type_check(type_or_tuple, &type_type)) return false;
  return type_check(exc, reinterpret_cast<Type*>(type_or_tuple));
}

static std::atomic<UnraisablePrinter> g_unraisable_printer{nullptr};

void set_unraisable_printer(UnraisablePrinter printer) { g_unraisable_printer.store(printer); }

static std::atomic<WarningIssuer> g_warning_issuer{nullptr};
void set_warning_issuer(WarningIssuer issuer) { g_warning_issuer.store(issuer); }
int issue_warning(Type* category, const char* message, int stacklevel) {
  WarningIssuer w = g_warning_issuer.load();
  return w ? w(category, message, stacklevel) : 0;
}

void write_unraisable(Object* obj) { write_unraisable_msg(nullptr, obj); }

void write_unraisable_msg(const char* msg, Object* obj) {
  ORef exc = steal(error_take());
  if (!exc) return;
  if (UnraisablePrinter p = g_unraisable_printer.load()) {
    p(exc.get(), obj, msg);
  } else {
    std::fflush(stdout);
    std::fprintf(stderr, "Exception ignored: %s\n", type_name(exc.get()));
  }
  error_clear();  // the printer's own failures are not reported
}

std::nullptr_t no_memory() {
  // Avoid allocating a message when out of memory.
  return set_error_value(&exc_MemoryError, nullptr);
}

const char* type_name(Object* o) { return type_of(o)->tp_name; }

std::nullptr_t type_error_unsupported_operand(const char* op, Object* a, Object* b) {
  return set_errorf(&exc_TypeError, "unsupported operand type(s) for {}: '{}' and '{}'", op, type_name(a),
                    type_name(b));
}

}  // namespace pyvm
