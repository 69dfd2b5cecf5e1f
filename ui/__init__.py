"""The UI side that several pages share, split by idea (computation lives in playground/, never here)."""
