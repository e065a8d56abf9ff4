"""Reading and writing maps in other formats: JSON (lossless), Mermaid `journey`, CSV, Excel.

`formats` says which format a file name means and reads or writes any of them.

Each reader refuses a file it cannot take whole with `ImportRefusedError`
naming the first problem, and never returns half a map.
"""
