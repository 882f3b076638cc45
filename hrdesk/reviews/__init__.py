"""Review sessions: cycles, the manager's human decisions on suggestions, and the agreed plan."""
