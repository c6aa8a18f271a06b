package io.berth.builder;

import io.berth.common.Digest;
import io.berth.common.GoPath;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The mount points a RUN's mounts made in its container's layer (an empty directory or file the runtime
 * created where the image had nothing), taken out before the layer is committed, as BuildKit leaves no
 * trace of a mount in the image.
 */
final class MountStubs {
  private MountStubs() {}

  static void remove(Images images, Image image, Path upper, List<String> targets) throws IOException {
    for (String target : targets) {
      String path = GoPath.clean(target);
      while (!path.equals("/")) {
        Path stub = upper.resolve(path.substring(1));
        if (!Files.exists(stub, LinkOption.NOFOLLOW_LINKS) || inImage(images, image, path) || !isEmpty(stub)) {
          break;
        }
        Files.delete(stub);
        path = GoPath.dir(path);
      }
    }
  }

  private static boolean isEmpty(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return ScratchLayer.isEmpty(p);
    }
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0;
  }

  private static boolean inImage(Images images, Image image, String path) {
    if (image == null) {
      return false;
    }
    for (Digest chain : images.chain(image)) {
      var layer = images.layers().get(chain);
      if (layer.isPresent()
          && Files.exists(images.layers().driver().diffDir(layer.get().cacheId()).resolve(path.substring(1)),
              LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }
}
