<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../reader/ui/aboutdialog.py" line="14" />
      <source>About s1reader</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/aboutdialog.py" line="18" />
      <source>An offline reader for Stage1st (S1) forum thread archives.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/aboutdialog.py" line="22" />
      <source>Qt %1 · PySide6 %2</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Actions</name>
    <message>
      <location filename="../../reader/ui/actions.py" line="27" />
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="28" />
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="29" />
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="33" />
      <source>Import &amp;files…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="35" />
      <source>Import f&amp;older…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="37" />
      <source>&amp;Settings…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="39" />
      <source>&amp;Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="41" />
      <source>&amp;Go to floor…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="43" />
      <source>&amp;Copy post text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="45" />
      <source>Open post as &amp;text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="47" />
      <source>&amp;Filter library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="49" />
      <source>Zoom &amp;in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="51" />
      <source>Zoom &amp;out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="53" />
      <source>&amp;Reset zoom</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="55" />
      <source>F&amp;ull screen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="57" />
      <source>&amp;About s1reader</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImageSource</name>
    <message>
      <location filename="../../reader/ui/imagesource.py" line="84" />
      <source>Image not cached</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportBanner</name>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="56" />
      <source>This is a demo thread. Import your archive files (.md) to read your own threads — or drop them onto this window.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="59" />
      <source>Import…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportErrorsDialog</name>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="23" />
      <source>Import problems</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="26" />
      <source>%1 files could not be imported (%2 imported or unchanged).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="29" />
      <source>File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="29" />
      <source>Line</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="29" />
      <source>Problem</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n files hold a thread differently from the version kept, and nothing says which is newer: the first version stays. Select a file and choose “Use these files' versions” to keep its version instead.</source>
      <translation>
        <numerusform>%n file holds a thread differently from the version kept, and nothing says which is newer: the first version stays. Select a file and choose “Use these files' versions” to keep its version instead.</numerusform>
        <numerusform>%n files hold a thread differently from the version kept, and nothing says which is newer: the first version stays. Select a file and choose “Use these files' versions” to keep its version instead.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>floors %1</source>
      <translation>
        <numerusform>floor %1</numerusform>
        <numerusform>floors %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ImportFlow</name>
    <message>
      <location filename="../../reader/ui/importflow.py" line="39" />
      <source>Importing…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="39" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="40" />
      <source>Import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="63" />
      <source>Importing %1 of %2 files…
%3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="83" />
      <source>Import failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="84" />
      <source>The import stopped with an error:
%1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LibraryPane</name>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="67" />
      <source>Filter by title or tid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="70" />
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Last post</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="70" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="71" />
      <source>Size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Thread</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Posts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Unread</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="136" />
      <source>No longer reachable on the forum (0无法访问)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="168" />
      <source>Floor %1 / %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="183" />
      <source>Import archive files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="184" />
      <source>Thread archives (*.md *.txt);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="191" />
      <source>Import a folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="203" />
      <source>Imported %1 files: %2 new posts, %3 updated, %4 failed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="230" />
      <source>Go to floor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="230" />
      <source>Floor:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="243" />
      <source>Post text copied.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="274" />
      <source>Zoom %1%</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Floor %1 · %n posts</source>
      <translation>
        <numerusform>Floor %1 · %n post</numerusform>
        <numerusform>Floor %1 · %n posts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Floor %1 · %2 of %n posts</source>
      <translation>
        <numerusform>Floor %1 · %2 of %n post</numerusform>
        <numerusform>Floor %1 · %2 of %n posts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n conflicts: the first version was kept.</source>
      <translation>
        <numerusform>%n conflict: the first version was kept.</numerusform>
        <numerusform>%n conflicts: the first version was kept.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PostDelegate</name>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="231" />
      <source>OP</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="233" />
      <source>New</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="248" />
      <source>edited by %1 at %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="284" />
      <source>Go to floor %1</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n replies</source>
      <translation>
        <numerusform>%n reply</numerusform>
        <numerusform>%n replies</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PostHtml</name>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="75" />
      <source>The author is banned or deleted; the content is hidden automatically.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="80" />
      <source>This post was hidden by a moderator.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="88" />
      <source>(empty post)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="105" />
      <source>attachment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="111" />
      <source>downloads: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="119" />
      <source>uploaded %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="124" />
      <source>Attachment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="154" />
      <source>someone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="156" />
      <source>posted at</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="178" />
      <source>Rated by %1 · %2</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Expand · %n lines</source>
      <translation>
        <numerusform>Expand · %n line</numerusform>
        <numerusform>Expand · %n lines</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PostViewer</name>
    <message>
      <location filename="../../reader/ui/postviewer.py" line="19" />
      <source>Floor %1 · %2</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="11" />
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="13" />
      <location filename="../../reader/ui/settingsdialog.py" line="17" />
      <source>Follow the system</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="17" />
      <source>Light</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="18" />
      <source>Dark</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="27" />
      <source>Language:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="28" />
      <source>Theme:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="29" />
      <source>A new language applies fully after a restart.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReadingTools</name>
    <message numerus="yes">
      <source>Conversation (%n posts)</source>
      <translation>
        <numerusform>Conversation (%n post)</numerusform>
        <numerusform>Conversation (%n posts)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Only posts by %1 (%n posts)</source>
      <translation>
        <numerusform>Only posts by %1 (%n post)</numerusform>
        <numerusform>Only posts by %1 (%n posts)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Only the thread starter %1 (%n posts)</source>
      <translation>
        <numerusform>Only the thread starter %1 (%n post)</numerusform>
        <numerusform>Only the thread starter %1 (%n posts)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n replies…</source>
      <translation>
        <numerusform>%n reply…</numerusform>
        <numerusform>%n replies…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ActivityChart</name>
    <message numerus="yes">
      <source>%1: %n posts</source>
      <translation>
        <numerusform>%1: %n post</numerusform>
        <numerusform>%1: %n posts</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DigestPanel</name>
    <message numerus="yes">
      <source>Only the thread starter (%n posts)</source>
      <translation>
        <numerusform>Only the thread starter (%n post)</numerusform>
        <numerusform>Only the thread starter (%n posts)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 · %n raters</source>
      <translation>
        <numerusform>%1 · %n rater</numerusform>
        <numerusform>%1 · %n raters</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n times</source>
      <translation>
        <numerusform>%n time</numerusform>
        <numerusform>%n times</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 chars · %n images</source>
      <translation>
        <numerusform>%1 chars · %n image</numerusform>
        <numerusform>%1 chars · %n images</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>GalleryPanel</name>
    <message numerus="yes">
      <source>%n images. Click one to see it full size; pictures not downloaded yet show a placeholder (Thread → Download images of this thread).</source>
      <translation>
        <numerusform>%n image. Click it to see it full size; a picture not downloaded yet shows a placeholder (Thread → Download images of this thread).</numerusform>
        <numerusform>%n images. Click one to see it full size; pictures not downloaded yet show a placeholder (Thread → Download images of this thread).</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ForumFlow</name>
    <message numerus="yes">
      <source>Refreshed %n threads: %2 new posts.</source>
      <translation>
        <numerusform>Refreshed %n thread: %2 new posts.</numerusform>
        <numerusform>Refreshed %n threads: %2 new posts.</numerusform>
      </translation>
    </message>
  </context>
</TS>