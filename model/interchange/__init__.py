"""Reading and writing maps in other formats: JSON (lossless), Mermaid `journey`, CSV.

Each reader refuses a file it cannot take whole with `ImportRefusedError`
naming the first problem, and never returns half a map.
"""
