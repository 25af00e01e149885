// _thread._local: objects whose attributes are per thread.
//
// Thread-safety contract: a local's per-thread dicts live in a LocalData shared (std::shared_ptr) by the object and
// weakly (std::weak_ptr) by every thread that has a dict in it; `mu` guards the map. A thread finds only its own
// entry, so a dict is never used by two threads. When a thread ends it removes its entries from every live local
// (thread_local_clear_current); when a local dies its dicts are released. Dicts are dropped outside `mu`, because
// releasing one can run arbitrary code (__del__ of its values).
#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/thread_internal.h"

namespace pyvm {
namespace {

struct LocalData {
  std::mutex mu;
  std::unordered_map<uint64_t, Object*> dicts;  // thread serial -> its dict (strong)
};

struct LocalObject {
  PyObject ob_base;
  Object* args;    // the constructor's arguments, for __init__ in other threads (strong; may be null)
  Object* kwargs;  // strong; may be null
  std::shared_ptr<LocalData>* data;
  Object* weakreflist;
};

LocalObject* as_local(Object* o) { return reinterpret_cast<LocalObject*>(o); }

// A serial number per thread (thread idents can be reused, serials are not).
std::atomic<uint64_t> g_next_serial{1};
thread_local uint64_t t_serial = 0;
uint64_t this_serial() {
  if (!t_serial) t_serial = g_next_serial.fetch_add(1);
  return t_serial;
}
thread_local std::vector<std::weak_ptr<LocalData>>* t_used = nullptr;  // locals this thread has a dict in

Type& local_type();

// The calling thread's dict of `self` (borrowed), creating it — and running __init__ for a subclass — on first use.
Object* thread_dict(Object* self) {
  std::shared_ptr<LocalData>& data = *as_local(self)->data;
  uint64_t me = this_serial();
  {
    std::lock_guard<std::mutex> g(data->mu);
    auto it = data->dicts.find(me);
    if (it != data->dicts.end()) return it->second;
  }
  Object* d = dict_new();
  if (!d) return nullptr;
  {
    std::lock_guard<std::mutex> g(data->mu);
    data->dicts[me] = d;
  }
  if (!t_used) t_used = new std::vector<std::weak_ptr<LocalData>>;
  t_used->push_back(data);
  Type* t = type_of(self);
  if (t != &local_type() && t->tp_init != object_type.tp_init) {
    Object* args = as_local(self)->args ? as_local(self)->args : tuple_empty();
    if (t->tp_init(self, args, as_local(self)->kwargs) < 0) {
      ORef drop;
      {
        std::lock_guard<std::mutex> g(data->mu);
        auto it = data->dicts.find(me);
        if (it != data->dicts.end()) {
          drop = steal(it->second);
          data->dicts.erase(it);
        }
      }
      return nullptr;
    }
  }
  return d;
}

Object* local_new(Type* t, Object* args, Object* kwargs) {
  bool has_args = (args && tuple_size(args)) || (kwargs && dict_size(kwargs));
  if (has_args && t->tp_init == object_type.tp_init)
    return set_error(&exc_TypeError, "Initialization arguments are not supported");
  ORef self = steal(new_object(t, size_t(t->tp_basicsize)));
  if (!self) return nullptr;
  LocalObject* l = as_local(self.get());
  l->data = new std::shared_ptr<LocalData>(std::make_shared<LocalData>());
  l->args = args ? newref(args) : nullptr;
  l->kwargs = kwargs ? newref(kwargs) : nullptr;
  // The creating thread's dict exists from the start; __init__ runs for it through the normal type call.
  Object* d = dict_new();
  if (!d) return nullptr;
  {
    std::lock_guard<std::mutex> g((*l->data)->mu);
    (*l->data)->dicts[this_serial()] = d;
  }
  if (!t_used) t_used = new std::vector<std::weak_ptr<LocalData>>;
  t_used->push_back(*l->data);
  return self.release();
}

void local_dealloc(Object* o) {
  clear_weakrefs(o);
  LocalObject* l = as_local(o);
  std::vector<Object*> drop;
  if (l->data) {
    {
      std::lock_guard<std::mutex> g((*l->data)->mu);
      for (auto& kv : (*l->data)->dicts) drop.push_back(kv.second);
      (*l->data)->dicts.clear();
    }
    delete l->data;
    l->data = nullptr;
  }
  for (Object* d : drop) decref(d);
  xdecref(l->args);
  xdecref(l->kwargs);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

// The cycle collector's view: the constructor arguments and every thread's dict. Called with the world stopped (no
// thread is inside `mu`: it is never held across Python code), so the map is read without it.
int local_traverse(Object* o, visitproc visit, void* arg) {
  LocalObject* l = as_local(o);
  for (Object* v : {l->args, l->kwargs}) {
    if (v) {
      if (int r = visit(v, arg)) return r;
    }
  }
  if (l->data) {
    for (auto& kv : (*l->data)->dicts) {
      if (int r = visit(kv.second, arg)) return r;
    }
  }
  return 0;
}

// Breaks a cycle through the local: drops the arguments and the dicts (outside `mu`).
int local_clear(Object* o) {
  LocalObject* l = as_local(o);
  std::vector<Object*> drop;
  if (l->data) {
    std::lock_guard<std::mutex> g((*l->data)->mu);
    for (auto& kv : (*l->data)->dicts) drop.push_back(kv.second);
    (*l->data)->dicts.clear();
  }
  drop.push_back(__atomic_exchange_n(&l->args, nullptr, __ATOMIC_ACQ_REL));
  drop.push_back(__atomic_exchange_n(&l->kwargs, nullptr, __ATOMIC_ACQ_REL));
  for (Object* d : drop) xdecref(d);
  return 0;
}

Object* local_getattro(Object* self, Object* name) {
  Object* d = thread_dict(self);
  if (!d) return nullptr;
  if (type_check(name, &str_type) && str_view(name) == "__dict__") return newref(d);
  ORef keep = steal(newref(d));
  return generic_getattr_dict(self, name, d);
}

int local_setattro(Object* self, Object* name, Object* value) {
  Object* d = thread_dict(self);
  if (!d) return -1;
  if (type_check(name, &str_type) && str_view(name) == "__dict__") {
    set_errorf(&exc_AttributeError, "'{}' object attribute '__dict__' is read-only", type_of(self)->tp_name);
    return -1;
  }
  ORef keep = steal(newref(d));
  return generic_setattr_dict(self, name, value, d);
}

Type& local_type() {
  static Type t = {
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
      .tp_name = "_thread._local",
      .tp_basicsize = sizeof(LocalObject),
      .tp_dealloc = local_dealloc,
      .tp_getattro = local_getattro,
      .tp_setattro = local_setattro,
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
      .tp_doc = "Thread-local data",
      .tp_traverse = local_traverse,
      .tp_clear = local_clear,
      .tp_weaklistoffset = offsetof(LocalObject, weakreflist),
      .tp_new = local_new,
  };
  return t;
}

}  // namespace

void thread_local_clear_current() {
  std::vector<std::weak_ptr<LocalData>>* used = t_used;
  if (!used) return;
  t_used = nullptr;
  uint64_t me = this_serial();
  std::vector<Object*> drop;
  for (auto& w : *used) {
    if (std::shared_ptr<LocalData> data = w.lock()) {
      std::lock_guard<std::mutex> g(data->mu);
      auto it = data->dicts.find(me);
      if (it != data->dicts.end()) {
        drop.push_back(it->second);
        data->dicts.erase(it);
      }
    }
  }
  delete used;
  for (Object* d : drop) decref(d);
  thread_local_clear_current();  // releasing a dict may have created new thread-local state
}

int thread_locals_init(Object* module) {
  if (type_ready(&local_type()) < 0) return -1;
  return dict_set_str(module_dict(module), "_local", reinterpret_cast<Object*>(&local_type()));
}

}  // namespace pyvm
