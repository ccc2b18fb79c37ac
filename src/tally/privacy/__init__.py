"""Privacy: data about the living never leaves through public pages or exports."""
