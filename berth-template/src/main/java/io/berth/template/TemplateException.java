package io.berth.template;

/** A template parse or execution error, worded as Go's text/template words it. */
public class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
