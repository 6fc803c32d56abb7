"""The project's errors: what a user can fix, as opposed to bugs.

Every problem a user can cause or repair (a missing or malformed key, a wrong keystore password,
a URL without a scheme, a node that does not answer, a file that is not an index, an unknown root
or holder, a transaction the chain refuses) raises an ``ScfError``. The command line prints an
``ScfError`` as one line (``error: ...``); any other exception is a bug and shows its traceback.
"""


class ScfError(Exception):
    """A problem the user can fix; its message says what is wrong and what to do."""


class ConfigError(ScfError):
    """A setting or an argument is missing or malformed (keys, keystores, URLs, formats, amounts)."""


class NodeError(ScfError):
    """The JSON-RPC node cannot be reached or refuses what was asked."""


class DataError(ScfError):
    """A file the command reads is missing or is not what it should be (index, manifest, build)."""


class NotFound(ScfError, LookupError):
    """Something named by the user does not exist (a root, a holder, a contract)."""


class TransactionRefused(ScfError):
    """A transaction reverted, would revert, or was not confirmed in time."""
