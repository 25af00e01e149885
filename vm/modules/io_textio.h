// TextIOWrapper's layout and the pieces its two files share: io_textio.cc (construction, reading, writing) and
// io_textio_seek.cc (the decoder/encoder chain, tell() cookies and seek()).
//
// Thread contract: every field is read and written inside the wrapper's critical section; the buffer, decoder and
// encoder are called inside it (lock order: wrapper, then buffer). See io_buffered.cc for blocking reads.
#pragma once

#include <string>

#include "objects/codecs.h"
#include "vm/modules/io_internal.h"

namespace pyvm::io {

// The C++-side state that does not fit plain fields.
struct TextState {
  std::string errors;          // the error handler name, NUL-terminated for the codecs
  std::string dec_pending;     // a built-in decoder's undecoded bytes
  std::string pending_bytes;   // encoded text not yet written to the buffer
  std::string snapshot_input;  // bytes fed to the decoder since the snapshot's state
  std::string writenl;         // the newline written for "\n" (UTF-8), empty for no translation
  std::u32string readnl;       // the newline argument (non-universal reading)
  std::u32string decoded;      // the last decoded chunk
};

struct TextIO {
  IOObject base;
  Object* buffer;
  Object* encoding;  // str
  Object* errors;    // str
  Object* pydec;     // a Python incremental decoder, or null (built-in codec or not readable)
  Object* pyenc;     // a Python incremental encoder, or null
  Object* raw;       // the FileIO under a built-in buffered object (for fast closed checks), or null
  TextState* st;
  Codec dcodec, ecodec;  // built-in codec or kUnknown
  bool ok, detached, finalizing;
  bool has_decoder, has_encoder;
  bool readuniversal, readtranslate, writetranslate, has_readnl;
  bool line_buffering, write_through;
  bool has_snapshot;
  bool seekable, telling, has_read1, encoding_start_of_stream;
  NewlineState nl;
  ssize decoded_used;
  uint64_t snapshot_flags;
  double b2cratio;
  ssize chunk_size;
};

inline TextIO* tio(Object* o) { return reinterpret_cast<TextIO*>(o); }

// ---- io_textio_seek.cc ----

// Sets up the decoder and encoder for t->encoding / t->errors (codec lookup, the text-encoding check, the
// buffer's readable()/writable()); -1 with an error.
[[nodiscard]] int text_set_codecs(TextIO* t);
// The decoder chain (codec decoder, then universal newlines): decode, getstate, setstate, reset.
[[nodiscard]] int dec_decode(TextIO* t, const char* p, ssize n, bool final, std::u32string* out);
// The same, giving a str; skips the code-point copy when nothing needs translating (read() of a whole file).
[[nodiscard]] Object* dec_decode_str(TextIO* t, const char* p, ssize n, bool final);
[[nodiscard]] int dec_getstate(TextIO* t, std::string* buf, uint64_t* flags);
[[nodiscard]] int dec_setstate(TextIO* t, std::string_view buf, uint64_t flags);
[[nodiscard]] int dec_reset(TextIO* t);
// Encodes str text, appending to *out.
[[nodiscard]] int enc_encode(TextIO* t, Object* text, std::string* out);
// After positioning: the encoder writes a BOM only at the start of the stream.
[[nodiscard]] int enc_reset(TextIO* t, bool start_of_stream);
// CPython's _textiowrapper_fix_encoder_state, run by __init__ and reconfigure.
[[nodiscard]] int fix_encoder_state(TextIO* t);

[[nodiscard]] Object* textio_tell(Object* self, Object*);
[[nodiscard]] Object* textio_seek(Object* self, Object* const* args, ssize nargs, Object* kwnames);

// ---- io_textio.cc ----

// CHECK_ATTACHED and CHECK_CLOSED of CPython's textio.c; false with an error.
[[nodiscard]] bool text_check_attached(Object* self);
[[nodiscard]] bool text_check_closed(Object* self);
// Writes the pending encoded bytes to the buffer.
[[nodiscard]] int text_writeflush(TextIO* t);
// Drops the decoded chunk and the snapshot.
void text_clear_decoded(TextIO* t);

}  // namespace pyvm::io
