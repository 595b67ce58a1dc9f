"""The add-a-number wizard: a NiceGUI stepper over the domain's steps and rules."""
