"""What the scripts share (setup.sh for the shell ones, these modules for the Python benchmarks)."""
