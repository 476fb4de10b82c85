"""未接来电回拨: answered calls in which the caller never spoke (hung up during the greeting
or stayed silent) go on a call-back list with their own deadline."""
