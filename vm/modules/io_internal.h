// Shared declarations of the _io module's files (io_module.cc, io_base.cc, io_fileio.cc, io_bytesio.cc,
// io_stringio.cc, io_newline.cc, io_buffered.cc, io_rwpair.cc, io_textio.cc, io_textio_seek.cc).
//
// Thread contract (all files): a buffered or text object's fields are read and written only inside the object's
// critical section (sync::CriticalSection on the object), as CPython 3.13t's Argument Clinic @critical_section
// methods do. Each file's header says where it differs (FileIO keeps only its fd there; the raw calls of a
// buffered object run inside the section, which is documented in io_buffered.cc).
#pragma once

#include <cstdlib>
#include <initializer_list>
#include <string>

#include "objects/object.h"

namespace pyvm::io {

// Every _io object starts like CPython's iobase: the header, the instance dict and the weak-reference list; so
// tp_dictoffset and tp_weaklistoffset are the same for all of them and Python subclasses never add their own.
struct IOObject {
  PyObject ob_base;
  Object* dict;
  Object* weakreflist;
};

constexpr ssize kDefaultBufferSize = 8192;  // io.DEFAULT_BUFFER_SIZE in CPython 3.13

extern Type iobase_type;          // _io._IOBase
extern Type rawiobase_type;       // _io._RawIOBase
extern Type bufferediobase_type;  // _io._BufferedIOBase
extern Type textiobase_type;      // _io._TextIOBase
extern Type fileio_type;
extern Type bytesio_type;
extern Type bytesiobuffer_type;   // _io._BytesIOBuffer, the exporter behind BytesIO.getbuffer()
extern Type stringio_type;
extern Type nldecoder_type;       // IncrementalNewlineDecoder
extern Type bufferedreader_type;
extern Type bufferedwriter_type;
extern Type bufferedrandom_type;
extern Type bufferedrwpair_type;
extern Type textiowrapper_type;
extern Type memslice_type;        // private: exports a piece of a C buffer for raw.readinto()/raw.write()

// io.UnsupportedOperation (a heap class deriving from OSError and ValueError), made by io_init.
extern Object* g_unsupported;

// Readies every _io type and makes UnsupportedOperation; -1 with an error set.
[[nodiscard]] int io_init();

// ---- Errors ----
std::nullptr_t unsupported(std::string_view msg);  // raises io.UnsupportedOperation(msg)
std::nullptr_t err_closed_dot();                    // ValueError "I/O operation on closed file."
std::nullptr_t err_closed();                        // ValueError "I/O operation on closed file"

// ---- Arguments ----
// CPython's _Py_convert_optional_to_ssize_t: None (or a missing argument) gives -1, an index its value;
// TypeError "argument should be integer or None, not 'X'" otherwise.
[[nodiscard]] bool size_arg(Object* arg, ssize* out);
// parse_args for tp_init-style (args tuple, kwds dict) calls; out[] borrow from args and kwds.
[[nodiscard]] bool parse_tuple_dict(const char* fname, Object* args, Object* kwds,
                                    std::initializer_list<const char*> names, int required, Object** out,
                                    int max_positional = -1);
// An int argument (via __index__) into *out; OverflowError when it does not fit.
[[nodiscard]] bool ssize_arg(Object* arg, ssize* out);
// An `int whence`-style argument.
[[nodiscard]] bool int_arg(Object* arg, int* out);

// ---- Calling the Python-level protocol ----
// obj.closed as a truth value: 1, 0, -1 with an error.
[[nodiscard]] int is_closed(Object* obj);
// The _IOBase closed flag (the `__IOBase_closed` attribute), what io.IOBase.closed reads.
[[nodiscard]] int iobase_closed_flag(Object* self);
// Raises ValueError "I/O operation on closed file." when obj.closed is true; -1 then (or on error), else 0.
[[nodiscard]] int check_closed(Object* obj);
// obj.readable()/writable()/seekable() must be true, else UnsupportedOperation "File or stream is not readable."
// (writable, seekable); `msg` overrides the message when not null.
[[nodiscard]] int check_readable(Object* obj, const char* msg = nullptr);
[[nodiscard]] int check_writable(Object* obj, const char* msg = nullptr);
[[nodiscard]] int check_seekable(Object* obj, const char* msg = nullptr);
// _IOBase.close for self: flush, then set the closed flag (used by FileIO, BytesIO ... when called via super()).
[[nodiscard]] Object* iobase_close(Object* self, Object*);

// The finalizer every _io object runs from its tp_dealloc: when the object is not closed yet, close() is called
// (with the object resurrected for the call); errors are reported as unraisable. Returns false when the object
// was resurrected for good and the caller must stop deallocating.
[[nodiscard]] bool finalize(Object* self);
// Writable buffered and text objects are flushed when the program ends (CPython does it when it finalizes the
// objects still alive at exit): registered by __init__, unregistered first thing in tp_dealloc.
void exit_flush_register(Object* o, bool text);
void exit_flush_unregister(Object* o);
void flush_all_at_exit();
// Frees the dict and weak references of an IOObject and the object itself (the end of every tp_dealloc).
void dealloc_common(Object* self);

// A memoryview of buf[0..len) (CPython's PyMemoryView_FromMemory), for passing our buffers to raw.readinto() and
// raw.write(); release_view() releases it once the call returned so no view outlives the buffer.
[[nodiscard]] Object* memory_view(char* buf, ssize len, bool readonly);
void release_view(Object* view);

// Decodes the bytes-like argument into *out (a contiguous copy); TypeError as bytes-like arguments do.
[[nodiscard]] bool get_bytes(Object* o, std::string* out);

// The locale's encoding, as locale.getencoding() reports it ("UTF-8"); "utf-8" in UTF-8 mode or the C locale.
std::string locale_encoding();

// FileIO's descriptor (-1 when closed or not a FileIO) and st_blksize, for open().
int fileio_fd(Object* o);
ssize fileio_blksize(Object* o);
// Direct reads and writes on an exact FileIO (what its read/readinto/write methods do, without the method call):
// the byte count, -2 when the call would block (EAGAIN), -1 with an error set.
[[nodiscard]] ssize fileio_read_into(Object* raw, char* buf, ssize len);
[[nodiscard]] ssize fileio_write_from(Object* raw, const char* buf, ssize len);

// ---- Universal newlines (io_newline.cc) ----
constexpr int kSeenLF = 1, kSeenCR = 2, kSeenCRLF = 4;
// IncrementalNewlineDecoder's state, kept inline by StringIO and TextIOWrapper too.
struct NewlineState {
  bool translate = false;
  bool pendingcr = false;
  int seennl = 0;
};
// Universal-newline decoding of `text` in place: a '\r' held back from the previous call is prepended, a final
// '\r' is held back unless `final`, the kinds of line ending seen are recorded, and with `translate` "\r\n" and
// "\r" become "\n".
void newline_decode(NewlineState* st, std::u32string* text, bool final);
// The `newlines` attribute for the endings seen: None, "\n", "\r", "\r\n" or a tuple of them.
[[nodiscard]] Object* newlines_value(int seennl);
// Appends the code points of str `s` to *out.
void append_u32(Object* s, std::u32string* out);
[[nodiscard]] Object* u32_to_str(const char32_t* p, ssize n);
inline Object* u32_to_str(const std::u32string& s) { return u32_to_str(s.data(), ssize(s.size())); }
// Where the line starting at text[start] ends (the index after its line ending), or -1 when [start, end) holds
// no complete ending: CPython's _PyIO_find_line_ending. `readnl` is the ending for the non-universal modes. In
// universal mode a final '\r' is a line ending: the newline decoder never splits "\r\n" across chunks.
ssize find_line_end(const char32_t* text, ssize start, ssize end, bool translated, bool universal,
                    const std::u32string& readnl);

// _io.open (builtins.open forwards here until _io is imported and replaces it).
[[nodiscard]] Object* io_open(Object* module, Object* const* args, ssize nargs, Object* kwnames);

// TextIOWrapper pieces shared with open().
[[nodiscard]] Object* text_encoding(Object* encoding, int stacklevel);

// A read buffer of a caller-given size (read(n) allocates n bytes up front, as CPython does): malloc'd so that a size
// no allocator can satisfy raises MemoryError instead of aborting (std::string would throw).
class ReadBuffer {
 public:
  ReadBuffer() = default;
  ReadBuffer(const ReadBuffer&) = delete;
  ReadBuffer& operator=(const ReadBuffer&) = delete;
  ~ReadBuffer() { std::free(p_); }
  // False with MemoryError when the allocation fails.
  [[nodiscard]] bool alloc(size_t n);
  char* data() { return p_; }

 private:
  char* p_ = nullptr;
};

}  // namespace pyvm::io
