read-more-at = The document is long; read the rest at <a href="{ $url }">{ $url }</a>
read-cut = The document is long; { $count } more parts are not shown.
