package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A column's dictionary: codes by first appearance, whether a cell repeats the row before (recognised without
 * hashing) or comes back later, and cells that share a prefix or a length with the one before stay apart.
 */
class ByteCsvReaderDictTest {

  private static int intern(ByteCsvReader.Dict d, String cell, int row) {
    // the cell inside a larger array, at an offset, as the reader passes it
    byte[] b = ("##" + cell + "##").getBytes(StandardCharsets.UTF_8);
    return d.intern(b, 2, b.length - 4, row);
  }

  @Test
  void repeatsPrefixesAndReturnsGetTheirCodes() {
    String[] cells = {"536365", "536365", "536365", "53636", "536366", "536365", "5363650", "", "", "536366",
        "536367", "536367", "C536379"};
    // by hand: numbered in order of first appearance
    int[] want = {0, 0, 0, 1, 2, 0, 3, 4, 4, 2, 5, 5, 6};
    ByteCsvReader.Dict d = new ByteCsvReader.Dict();
    int[] got = new int[cells.length];
    for (int i = 0; i < cells.length; i++) {
      got[i] = intern(d, cells[i], i);
    }
    assertArrayEquals(want, got);
    assertEquals(7, d.size());
    assertArrayEquals(new int[] {0, 3, 4, 6, 7, 10, 12}, Arrays.copyOf(d.firstRows(), 7));
    assertArrayEquals(new String[] {"536365", "53636", "536366", "5363650", "", "536367", "C536379"},
        d.strings(','));
  }

  @Test
  void longCellsAndManyCellsKeepTheirCodes() {
    // cells longer than 16 bytes (compared with Arrays.equals) and enough cells to grow the table several times
    ByteCsvReader.Dict d = new ByteCsvReader.Dict();
    String longCell = "WHITE HANGING HEART T-LIGHT HOLDER";
    String other = "WHITE HANGING HEART T-LIGHT HOLDEr";   // same length, last byte differs
    assertEquals(0, intern(d, longCell, 0));
    assertEquals(1, intern(d, other, 1));
    assertEquals(1, intern(d, other, 2));
    assertEquals(0, intern(d, longCell, 3));
    for (int i = 0; i < 5000; i++) {
      assertEquals(2 + i, intern(d, "c" + i, 4 + 2 * i));
      assertEquals(2 + i, intern(d, "c" + i, 5 + 2 * i));   // the row before again
    }
    for (int i = 4999; i >= 0; i--) {
      assertEquals(2 + i, intern(d, "c" + i, 20_000));   // back again, by the table
    }
    assertEquals(5002, d.size());
    assertEquals(4 + 2 * 4999, d.firstRow(5001));
  }
}
