"""The default size limit of one input, shared by the readers and the command line."""

# An article's text or page over this many bytes is refused (``--max-bytes`` raises it).
DEFAULT_MAX_BYTES = 5_000_000
