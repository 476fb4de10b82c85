"""Follow-up survey calls (回访): policy, scheduling, the survey script and its store."""
