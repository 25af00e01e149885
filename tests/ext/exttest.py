# Helpers shared by the extension scenarios in tests/ext (imported from the script's own folder).


def section(name):
    print("--", name)


def err(f, *a, **k):
    """f(*a, **k)'s exception as 'Type: message', or 'no error: repr(result)'."""
    try:
        r = f(*a, **k)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return f"no error: {r!r}"
