# Corpus: the built-in exception hierarchy: __mro__ names, __bases__, issubclass checks, aliases.
classes = [BaseException, Exception, ArithmeticError, FloatingPointError, OverflowError, ZeroDivisionError,
           AssertionError, AttributeError, BufferError, EOFError, ImportError, ModuleNotFoundError, LookupError,
           IndexError, KeyError, MemoryError, NameError, UnboundLocalError, OSError, BlockingIOError,
           ChildProcessError, ConnectionError, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError,
           ConnectionResetError, FileExistsError, FileNotFoundError, InterruptedError, IsADirectoryError,
           NotADirectoryError, PermissionError, ProcessLookupError, TimeoutError, ReferenceError, RuntimeError,
           NotImplementedError, RecursionError, PythonFinalizationError, StopIteration, StopAsyncIteration,
           SyntaxError, IndentationError, TabError, SystemError, TypeError, ValueError, UnicodeError,
           UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError, Warning, DeprecationWarning,
           PendingDeprecationWarning, RuntimeWarning, SyntaxWarning, UserWarning, FutureWarning, ImportWarning,
           UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning, GeneratorExit, KeyboardInterrupt,
           SystemExit, BaseExceptionGroup, ExceptionGroup]
for cls in classes:
    print(f"{cls.__name__:26} {' -> '.join(c.__name__ for c in cls.__mro__[1:])}")
print(EnvironmentError is OSError, IOError is OSError, ExceptionGroup.__bases__)
print([c.__name__ for c in BaseException.__subclasses__() if c.__module__ == "builtins"])
builtin_subs = lambda cls: sorted(c.__name__ for c in cls.__subclasses__() if c.__module__ == "builtins")
print(builtin_subs(OSError))
print(builtin_subs(ArithmeticError))
print(builtin_subs(LookupError), builtin_subs(UnicodeError), builtin_subs(Warning))
checks = [(KeyboardInterrupt, Exception), (SystemExit, Exception), (GeneratorExit, Exception),
          (StopIteration, Exception), (Warning, Exception), (ExceptionGroup, Exception),
          (BaseExceptionGroup, Exception), (ExceptionGroup, BaseExceptionGroup), (RecursionError, RuntimeError),
          (ModuleNotFoundError, ImportError), (TimeoutError, OSError), (BrokenPipeError, ConnectionError),
          (UnicodeDecodeError, ValueError), (IndentationError, SyntaxError), (TabError, IndentationError),
          (NotImplementedError, RuntimeError), (UnboundLocalError, NameError), (FloatingPointError, ArithmeticError),
          (StopAsyncIteration, StopIteration), (BlockingIOError, OSError), (KeyError, IndexError)]
for sub, sup in checks:
    print(f"issubclass({sub.__name__}, {sup.__name__}) = {issubclass(sub, sup)}")
print(all(issubclass(c, BaseException) for c in classes), sum(issubclass(c, Exception) for c in classes))
print(type(BaseException).__name__, BaseException.__base__.__name__, Exception.__module__)


class AppError(Exception):
    pass


class DbError(AppError, LookupError):
    pass


print([c.__name__ for c in DbError.__mro__])
try:
    raise DbError("multi")
except LookupError as e:
    print("caught as LookupError:", type(e).__name__, e)
try:
    class Weird(KeyError, OSError):
        pass
    print("Weird created:", [c.__name__ for c in Weird.__mro__])
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise object
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError
    except (int, ValueError):
        print("tuple with non-class still matched")
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError
    except int:
        pass
except TypeError as e:
    print(type(e).__name__, e)
