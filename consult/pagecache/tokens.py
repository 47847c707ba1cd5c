"""The placeholder that stands for the visitor's CSRF token in HTML kept for several people
(NUL never reaches a page: requests carrying it are refused)."""
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
