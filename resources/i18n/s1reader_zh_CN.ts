<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../reader/ui/aboutdialog.py" line="14" />
        <source>About s1reader</source>
        <translation>关于 s1reader</translation>
    </message>
    <message>
        <location filename="../../reader/ui/aboutdialog.py" line="18" />
        <source>An offline reader for Stage1st (S1) forum thread archives.</source>
        <translation>Stage1st（S1）论坛备份帖的离线阅读器。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/aboutdialog.py" line="22" />
        <source>Qt %1 · PySide6 %2</source>
        <translation>Qt %1 · PySide6 %2</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../reader/ui/actions.py" line="27" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="28" />
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="29" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="33" />
        <source>Import &amp;files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="35" />
        <source>Import f&amp;older…</source>
        <translation>导入文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="37" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="39" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="41" />
        <source>&amp;Go to floor…</source>
        <translation>跳到楼层(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="43" />
        <source>&amp;Copy post text</source>
        <translation>复制帖子文本(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="45" />
        <source>Open post as &amp;text</source>
        <translation>以文本打开帖子(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="47" />
        <source>&amp;Filter library</source>
        <translation>筛选帖子列表(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="49" />
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="51" />
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="53" />
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="55" />
        <source>F&amp;ull screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/actions.py" line="57" />
        <source>&amp;About s1reader</source>
        <translation>关于 s1reader(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ImageSource</name>
    <message>
        <location filename="../../reader/ui/imagesource.py" line="84" />
        <source>Image not cached</source>
        <translation>图片未缓存</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="56" />
        <source>This is a demo thread. Import your archive files (.md) to read your own threads — or drop them onto this window.</source>
        <translation>这是演示帖。导入你的存档文件（.md）来阅读自己的帖子——也可以直接把文件拖到窗口里。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="59" />
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <location filename="../../reader/ui/importerrors.py" line="23" />
        <source>Import problems</source>
        <translation>导入问题</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importerrors.py" line="26" />
        <source>%1 files could not be imported (%2 imported or unchanged).</source>
        <translation>%1 个文件无法导入（%2 个已导入或未变化）。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importerrors.py" line="29" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importerrors.py" line="29" />
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importerrors.py" line="29" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../reader/ui/importflow.py" line="39" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importflow.py" line="39" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importflow.py" line="40" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importflow.py" line="63" />
        <source>Importing %1 of %2 files…
%3</source>
        <translation>正在导入第 %1 / %2 个文件…
%3</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importflow.py" line="83" />
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../reader/ui/importflow.py" line="84" />
        <source>The import stopped with an error:
%1</source>
        <translation>导入因错误而中止：
%1</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="67" />
        <source>Filter by title or tid</source>
        <translation>按标题或 tid 筛选</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="70" />
        <location filename="../../reader/ui/librarypane.py" line="103" />
        <source>Last post</source>
        <translation>最后回复</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="70" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="71" />
        <source>Size</source>
        <translation>帖数</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="103" />
        <source>Thread</source>
        <translation>帖子</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="103" />
        <source>Posts</source>
        <translation>帖数</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="103" />
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <location filename="../../reader/ui/librarypane.py" line="136" />
        <source>No longer reachable on the forum (0无法访问)</source>
        <translation>论坛上已无法访问（0无法访问）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="168" />
        <source>Floor %1 / %2</source>
        <translation>第 %1 楼 / 共 %2 楼</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="183" />
        <source>Import archive files</source>
        <translation>导入存档文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="184" />
        <source>Thread archives (*.md *.txt);;All files (*)</source>
        <translation>帖子存档 (*.md *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="191" />
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="203" />
        <source>Imported %1 files: %2 new posts, %3 updated, %4 failed.</source>
        <translation>已导入 %1 个文件：新增 %2 帖，更新 %3 帖，失败 %4 个。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="230" />
        <source>Go to floor</source>
        <translation>跳到楼层</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="230" />
        <source>Floor:</source>
        <translation>楼层：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="243" />
        <source>Post text copied.</source>
        <translation>已复制帖子文本。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/mainwindow.py" line="274" />
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
</context>
<context>
    <name>PostDelegate</name>
    <message>
        <location filename="../../reader/ui/postdelegate.py" line="231" />
        <source>OP</source>
        <translation>楼主</translation>
    </message>
    <message>
        <location filename="../../reader/ui/postdelegate.py" line="233" />
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../reader/ui/postdelegate.py" line="248" />
        <source>edited by %1 at %2</source>
        <translation>本帖最后由 %1 于 %2 编辑</translation>
    </message>
    <message>
        <location filename="../../reader/ui/postdelegate.py" line="284" />
        <source>Go to floor %1</source>
        <translation>跳到 %1 楼</translation>
    </message>
</context>
<context>
    <name>PostHtml</name>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="75" />
        <source>The author is banned or deleted; the content is hidden automatically.</source>
        <translation>提示: 作者被禁止或删除 内容自动屏蔽</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="80" />
        <source>This post was hidden by a moderator.</source>
        <translation>提示: 该帖被管理员或版主屏蔽</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="88" />
        <source>(empty post)</source>
        <translation>（空帖）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="105" />
        <source>attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="111" />
        <source>downloads: %1</source>
        <translation>下载次数: %1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="119" />
        <source>uploaded %1</source>
        <translation>%1 上传</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="124" />
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="154" />
        <source>someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="156" />
        <source>posted at</source>
        <translation>发表于</translation>
    </message>
    <message>
        <location filename="../../reader/ui/posthtml.py" line="178" />
        <source>Rated by %1 · %2</source>
        <translation>评分 · 参与人数 %1 · 战斗力 %2</translation>
    </message>
</context>
<context>
    <name>PostViewer</name>
    <message>
        <location filename="../../reader/ui/postviewer.py" line="19" />
        <source>Floor %1 · %2</source>
        <translation>%1 楼 · %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="11" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="13" />
        <location filename="../../reader/ui/settingsdialog.py" line="17" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="17" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="18" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="27" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="28" />
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/settingsdialog.py" line="29" />
        <source>A new language applies fully after a restart.</source>
        <translation>更换语言后需要重启才能完全生效。</translation>
    </message>
</context>
</TS>